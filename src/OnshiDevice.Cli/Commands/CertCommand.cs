using System.CommandLine;
using System.Security.Cryptography;
using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi cert read --kind ...`: a certificate as PEM (default, to stdout) or DER (to a file, or raw
/// to stdout). The signing certificate needs the signing password: typed without echo on a
/// terminal, otherwise one line from stdin. The password never appears on the command line. The
/// service refuses the signing certificate unless configured to allow it (DISABLED_BY_CONFIGURATION).
/// </summary>
internal static class CertCommand
{
    public static Command Create(OnshiCli cli)
    {
        var kind = new Option<string>("--kind")
        {
            Description = Cert.KindDescription,
            Required = true,
        };
        kind.AcceptOnlyFromAmong(Names.CertificateKinds);
        var pem = new Option<bool>("--pem") { Description = Cert.PemDescription };
        var der = new Option<bool>("--der") { Description = Cert.DerDescription };
        var output = new Option<FileInfo?>("--output", "-o") { Description = Cert.OutputDescription };
        var read = new Command("read", Cert.ReadDescription) { Options = { kind, pem, der, output } };
        read.Validators.Add(result =>
        {
            if (result.GetValue(pem) && result.GetValue(der))
            {
                result.AddError(Cert.PemOrDer);
            }
        });
        read.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var certificateKind = Names.Certificate(parseResult.GetRequiredValue(kind));
            var reader = await context.ResolveReaderAsync(token);
            var request = new ReadCertificateRequest { Reader = reader, Kind = certificateKind };
            if (certificateKind == CertificateKind.JpkiSigning)
            {
                request.Pin = await ReadPasswordAsync(context.Io);
            }

            ReadCertificateResponse response;
            try
            {
                response = await context.WithProgressAsync(
                    context.Cards.ReadCertificateAsync(request, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                    reader);
            }
            catch (RpcException refused) when (PinEntryRules.IsFormatRefusal(refused))
            {
                throw new CliException(PinEntryRules.Refused(PinKind.JpkiSigningPassword), Contracts.V1.ErrorReason.InvalidPinFormat);
            }

            await WriteAsync(context.Io, response.Der.ToByteArray(), parseResult.GetValue(der), parseResult.GetValue(output), token);
        }));
        var command = new Command("cert", Cert.CertDescription);
        command.Subcommands.Add(read);
        command.Subcommands.Add(CertVerifyCommand.Create(cli));
        return command;
    }

    internal static string ToPem(byte[] der) => new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";

    private static async Task<string> ReadPasswordAsync(CliIo io)
    {
        var password = io.ReadSecretFromTerminal is { } prompt
            ? prompt(Cert.SigningPasswordPrompt)
            : await io.In.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException(Cert.SigningPasswordMissing);
        }

        return password;
    }

    private static async Task WriteAsync(CliIo io, byte[] certificate, bool asDer, FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            if (asDer)
            {
                await File.WriteAllBytesAsync(file.FullName, certificate, cancellationToken);
            }
            else
            {
                await File.WriteAllTextAsync(file.FullName, ToPem(certificate), cancellationToken);
            }

            return;
        }

        if (asDer)
        {
            await io.RawOut.WriteAsync(certificate, cancellationToken);
            await io.RawOut.FlushAsync(cancellationToken);
        }
        else
        {
            await io.Out.WriteAsync(ToPem(certificate));
        }
    }
}
