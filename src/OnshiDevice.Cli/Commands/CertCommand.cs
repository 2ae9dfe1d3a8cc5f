using System.CommandLine;
using System.Security.Cryptography;
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
            Description = "auth, auth-ca, signing, signing-ca (JPKI), hpki-signing or hpki-auth. signing needs the service's OnshiDevice:AllowJpkiSigningCertificateRead.",
            Required = true,
        };
        kind.AcceptOnlyFromAmong(Names.CertificateKinds);
        var pem = new Option<bool>("--pem") { Description = "Write PEM (the default)." };
        var der = new Option<bool>("--der") { Description = "Write DER." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of stdout." };
        var read = new Command("read", "Read a certificate (JPKI or HPKI) from the card.") { Options = { kind, pem, der, output } };
        read.Validators.Add(result =>
        {
            if (result.GetValue(pem) && result.GetValue(der))
            {
                result.AddError("Choose one of --pem and --der.");
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

            var response = await context.WithProgressAsync(
                context.Cards.ReadCertificateAsync(request, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            await WriteAsync(context.Io, response.Der.ToByteArray(), parseResult.GetValue(der), parseResult.GetValue(output), token);
        }));
        var command = new Command("cert", "Certificate commands.");
        command.Subcommands.Add(read);
        command.Subcommands.Add(CertVerifyCommand.Create(cli));
        return command;
    }

    internal static string ToPem(byte[] der) => new string(PemEncoding.Write("CERTIFICATE", der)) + "\n";

    private static async Task<string> ReadPasswordAsync(CliIo io)
    {
        var password = io.ReadSecretFromTerminal is { } prompt
            ? prompt("Signing password: ")
            : await io.In.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            throw new CliException("the signing certificate needs the signing password (typed, or one line on stdin)");
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
