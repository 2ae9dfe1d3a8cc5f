using System.Globalization;
using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using OnshiDevice.Cli.Commands;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli;

/// <summary>
/// The `onshi` command tree. The channel factory and the console are parameters so tests run the
/// same commands in-process against a test server.
/// </summary>
internal sealed class OnshiCli
{
    public const string AddressVariable = "ONSHI_ADDRESS";

    private readonly CliIo _io;
    private readonly Func<CliAddress, GrpcChannel> _connect;
    private Option<string> _address = null!;
    private Option<string?> _reader = null!;
    private Option<int> _timeout = null!;
    private Option<string?> _clientCertificate = null!;
    private Option<string?> _clientKey = null!;
    private Option<string?> _caCertificate = null!;

    public OnshiCli(CliIo io, Func<CliAddress, GrpcChannel> connect)
    {
        _io = io;
        _connect = connect;
    }

    /// <summary>The command tree in the current UI culture's language (<see cref="RunAsync"/> sets it from --lang and the locale).</summary>
    public RootCommand Build()
    {
        var io = _io;
        var defaultAddress = CliAddress.Default(io.GetEnvironmentVariable, File.Exists).ToString();
        _address = new Option<string>("--address")
        {
            Description = Text.Format(Common.AddressDescription, defaultAddress, AddressVariable),
            DefaultValueFactory = _ => io.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : defaultAddress,
            Recursive = true,
        };
        _reader = new Option<string?>("--reader") { Description = Common.ReaderDescription, Recursive = true };
        _timeout = new Option<int>("--timeout")
        {
            Description = Common.TimeoutDescription,
            DefaultValueFactory = _ => 30,
            Recursive = true,
        };
        _clientCertificate = new Option<string?>("--client-cert")
        {
            Description = Text.Format(Common.ClientCertificateDescription, Connection.ClientCertificateFiles.Pkcs12PasswordVariable),
            Recursive = true,
        };
        _clientKey = new Option<string?>("--client-key") { Description = Common.ClientKeyDescription, Recursive = true };
        _caCertificate = new Option<string?>("--ca-cert") { Description = Common.CaCertificateDescription, Recursive = true };
        _timeout.Validators.Add(result =>
        {
            // Not a whole number at all: the parser reports that itself, and asking for the value would throw.
            if (result.Tokens.Count > 0 && !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError(Common.TimeoutMustBePositive);
            }
        });
        var language = new Option<string?>(CliLanguage.OptionName)
        {
            Description = Text.Format(Common.LanguageDescription, CliLanguage.Variable),
            Recursive = true,
        };
        language.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && CliLanguage.Parse(result.Tokens[^1].Value) is null)
            {
                result.AddError(Text.Format(Common.UnknownLanguage, result.Tokens[^1].Value));
            }
        });

        var root = new RootCommand(Common.RootDescription)
        {
            Options = { _address, _reader, _timeout, _clientCertificate, _clientKey, _caCertificate, language },
        };
        root.Subcommands.Add(ReadersCommand.Create(this));
        root.Subcommands.Add(WatchCommand.Create(this));
        root.Subcommands.Add(CardCommand.Create(this));
        root.Subcommands.Add(CertCommand.Create(this));
        root.Subcommands.Add(PinCommand.Create(this));
        root.Subcommands.Add(HpkiCommand.Create(this));
        root.Subcommands.Add(HealthCommand.Create(this));
        return root;
    }

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        // Set here, the culture flows with this call's awaits only: in-process tests run several CLIs at once.
        CultureInfo.CurrentUICulture = CliLanguage.Resolve(args, _io.GetEnvironmentVariable);
        return Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = _io.Out, Error = _io.Error }, cancellationToken);
    }

    /// <summary>Runs a command body with the global options resolved; every failure becomes one line on stderr and exit code 2.</summary>
    internal async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken, Func<CliContext, CancellationToken, Task> body)
    {
        CliContext? context = null;
        try
        {
            var clientCertificate = parseResult.GetValue(_clientCertificate);
            var address = CliAddress.Parse(parseResult.GetRequiredValue(_address), clientCertificate is not null);
            using var credentials = clientCertificate is null ? null : Connection.ClientCertificateFiles.Load(clientCertificate, parseResult.GetValue(_clientKey), parseResult.GetValue(_caCertificate), _io);
            using var channel = credentials is null ? _connect(address) : credentials.OpenChannel(new Uri(address.Target));
            context = new CliContext(channel, _io, parseResult.GetValue(_reader), parseResult.GetValue(_timeout));
            await body(context, cancellationToken);
            return ExitCodes.Success;
        }
        catch (ChecksFailedException checks)
        {
            // The checklist already said what failed and what to do.
            return checks.ExitCode;
        }
        catch (RpcException rpc) when (rpc.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the way to end `onshi watch`.
            return ExitCodes.Success;
        }
#pragma warning disable CA1031 // Every failure, expected or not, becomes the one error line the CLI promises.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            await _io.Error.WriteLineAsync(CliContext.DescribeError(context?.Explain(exception) ?? exception));
            return ExitCodes.ServiceError;
        }
    }
}
