using System.CommandLine;
using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>
/// `onshi cert verify --purpose ... FILE`: asks the service to verify a certificate file (PEM or DER)
/// against its trust anchors and CRLs, and prints every failed check. Exit 3 when it is not valid.
/// </summary>
internal static class CertVerifyCommand
{
    public static Command Create(OnshiCli cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "The certificate, PEM or DER." };
        file.AcceptExistingOnly();
        var purpose = new Option<string>("--purpose") { Description = "jpki-auth, jpki-signing, hpki-signing or hpki-auth.", Required = true };
        purpose.AcceptOnlyFromAmong(Names.Purposes);
        var at = new Option<DateTimeOffset?>("--at") { Description = "Verify at this time (ISO 8601) instead of now.", CustomParser = TimeArgument.Parse };
        var roles = new Option<string[]>("--role") { Description = "An accepted HPKI role (repeatable; default: any)." };
        var verify = new Command("verify", "Verify a certificate for a purpose: path to a trust anchor, validity, CRLs, policy, key usage, hcRole.")
        {
            Arguments = { file },
            Options = { purpose, at, roles },
        };
        verify.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var der = await ReadCertificateFileAsync(parseResult.GetRequiredValue(file), token);
            var request = new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = Names.Purpose(parseResult.GetRequiredValue(purpose)) };
            if (parseResult.GetValue(at) is { } time)
            {
                request.At = Timestamp.FromDateTimeOffset(time);
            }

            request.AllowedHcRoles.AddRange(parseResult.GetValue(roles) ?? []);
            var response = await context.Certificates.VerifyAsync(request, deadline: context.Deadline(), cancellationToken: token);
            await PrintAsync(context.Io.Out, response);
            if (!response.Valid)
            {
                throw new ChecksFailedException();
            }
        }));
        return verify;
    }

    private static async Task<byte[]> ReadCertificateFileAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new CliException($"no such file: {file.FullName}");
        }

        if (file.Length > 1024 * 1024)
        {
            throw new CliException($"{file.Name} is {file.Length} bytes; a certificate is far smaller");
        }

        var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        var text = Encoding.ASCII.GetString(bytes);
        var begin = text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (begin < 0)
        {
            return bytes;
        }

        var fields = System.Security.Cryptography.PemEncoding.TryFind(text.AsSpan(begin), out var pem)
            ? pem
            : throw new CliException($"{file.Name} has a BEGIN CERTIFICATE line but no well-formed PEM block");
        return Convert.FromBase64String(text.AsSpan(begin)[fields.Base64Data].ToString());
    }

    private static async Task PrintAsync(TextWriter output, VerifyResponse response)
    {
        await output.WriteLineAsync(response.Valid ? "valid" : "NOT valid");
        for (var index = 0; index < response.Path.Count; index++)
        {
            var certificate = response.Path[index];
            var subject = certificate.SubjectWithheld ? "(subject withheld: the certificate names a person)" : certificate.Subject;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  [{index}] {subject}  serial {certificate.SerialNumber}  {certificate.NotBefore.ToDateTimeOffset():yyyy-MM-dd} to {certificate.NotAfter.ToDateTimeOffset():yyyy-MM-dd}"));
        }

        await output.WriteLineAsync($"revocation: {ContractNames.ShortName(response.Revocation)}");
        if (response.HcRole.Length > 0)
        {
            await output.WriteLineAsync($"hcRole: {response.HcRole}");
        }

        foreach (var failure in response.Failures)
        {
            await output.WriteLineAsync($"FAIL [{ContractNames.ShortName(failure.Reason)}] certificate {failure.ChainIndex}: {failure.Detail}");
        }
    }
}
