using System.Globalization;
using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using OnshiDevice.Cli.Commands;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;

namespace OnshiDevice.Cli;

/// <summary>
/// The `onshi` command tree. The channel factory and the console are parameters so tests run the
/// same commands in-process against a test server.
/// </summary>
internal sealed class OnshiCli
{
    public const string AddressVariable = ServiceAddress.EnvironmentVariable;

    private readonly CliIo _io;
    private readonly Func<ServiceAddress, GrpcChannel> _connect;
    private Option<string> _address = null!;
    private Option<string?> _reader = null!;
    private Option<int> _timeout = null!;
    private Option<string?> _clientCertificate = null!;
    private Option<string?> _clientKey = null!;
    private Option<string?> _caCertificate = null!;

    public OnshiCli(CliIo io, Func<ServiceAddress, GrpcChannel> connect)
    {
        _io = io;
        _connect = connect;
    }

    /// <summary>The command tree in the current UI culture's language (<see cref="RunAsync"/> sets it from --lang and the locale).</summary>
    public RootCommand Build()
    {
        var io = _io;
        var defaultAddress = ServiceAddress.Default(io.GetEnvironmentVariable, File.Exists).ToString();
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
        // Parsed here, not by the parser's int conversion, so "abc", "1.5" and "-5" get the same one line.
        _timeout.CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            {
                return seconds;
            }

            result.AddError(Text.Format(Errors.TimeoutNotPositive, token));
            return 0;
        };
        foreach (var file in new[] { _clientCertificate, _clientKey, _caCertificate })
        {
            MustNameAFile(file);
        }

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
        root.Subcommands.Add(CheckInCommand.Create(this));
        return root;
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        // Set here, the culture flows with this call's awaits only: in-process tests run several CLIs at once.
        CultureInfo.CurrentUICulture = CliLanguage.Resolve(args, _io.GetEnvironmentVariable);
        var parseResult = Build().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // One line and the command's --help, not the parser's error list followed by the whole help.
            await _io.Error.WriteLineAsync(UsageError.Describe(parseResult));
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = _io.Out, Error = _io.Error }, cancellationToken);
    }

    // A file option names a file that is there; one that is not is a usage error before anything starts.
    private static void MustNameAFile(Option<string?> option) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !File.Exists(result.Tokens[^1].Value))
            {
                result.AddError(Text.Format(Errors.NoSuchFile, option.Name, result.Tokens[^1].Value));
            }
        });

    /// <summary>Runs a command body with the global options resolved; every failure becomes one line on stderr and exit code 2.</summary>
    internal async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken, Func<CliContext, CancellationToken, Task> body)
    {
        CliContext? context = null;
        ServiceAddress? address = null;
        Connection.ClientCertificateFiles? credentials = null;
        try
        {
            var clientCertificate = parseResult.GetValue(_clientCertificate);
            try
            {
                address = ServiceAddress.Parse(parseResult.GetRequiredValue(_address), clientCertificate is not null);
            }
            catch (ServiceAddressException refused)
            {
                throw AddressRefusal.AsUsage(refused);
            }

            credentials = clientCertificate is null ? null : Connection.ClientCertificateFiles.Load(clientCertificate, parseResult.GetValue(_clientKey), parseResult.GetValue(_caCertificate), _io);
            using var channel = credentials is null ? _connect(address) : credentials.OpenChannel(new Uri(address.Target));
            context = new CliContext(channel, _io, parseResult.GetValue(_reader), parseResult.GetValue(_timeout));
            await body(context, cancellationToken);
            return ExitCodes.Success;
        }
        catch (CliException usage) when (usage.IsUsage)
        {
            await _io.Error.WriteLineAsync(UsageError.Describe(parseResult, usage));
            return ExitCodes.Usage;
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
            var connection = address is null ? null : new ConnectionAttempt(address, credentials?.ServerCertificateProblem, credentials?.ClientCertificateExpiry);
            await _io.Error.WriteLineAsync(CliContext.DescribeError(context?.Explain(exception) ?? exception, connection));
            return ExitCodes.ServiceError;
        }
        finally
        {
            credentials?.Dispose();
        }
    }
}
