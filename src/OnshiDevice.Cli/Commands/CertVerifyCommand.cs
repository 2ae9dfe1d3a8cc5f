using System.CommandLine;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Cli.Resources;
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
        var file = new Argument<FileInfo>("file") { Description = CertVerify.FileDescription };
        file.AcceptExistingOnly();
        var purpose = new Option<string>("--purpose") { Description = CertVerify.PurposeDescription, Required = true };
        purpose.AcceptOnlyFromAmong(Names.Purposes);
        var at = new Option<DateTimeOffset?>("--at") { Description = CertVerify.AtDescription, CustomParser = TimeArgument.Parse };
        var roles = new Option<string[]>("--role") { Description = CertVerify.RoleDescription };
        var verify = new Command("verify", CertVerify.VerifyDescription)
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
            await PrintAsync(context.Io.Out, context.Io.Time, response);
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
            throw new CliException(Text.Format(CertVerify.NoSuchFile, file.FullName));
        }

        if (file.Length > 1024 * 1024)
        {
            throw new CliException(Text.Format(CertVerify.TooLarge, file.Name, file.Length));
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
            : throw new CliException(Text.Format(CertVerify.BadPem, file.Name));
        return Convert.FromBase64String(text.AsSpan(begin)[fields.Base64Data].ToString());
    }

    private static async Task PrintAsync(TextWriter output, CliTime time, VerifyResponse response)
    {
        await output.WriteLineAsync(response.Valid ? CertVerify.Valid : CertVerify.NotValid);
        for (var index = 0; index < response.Path.Count; index++)
        {
            var certificate = response.Path[index];
            var subject = certificate.SubjectWithheld ? CertVerify.SubjectWithheld : certificate.Subject;
            await output.WriteLineAsync(Text.Format(
                CertVerify.PathLine, index, subject, certificate.SerialNumber, time.ForPeople(certificate.NotBefore.ToDateTimeOffset()), time.ForPeople(certificate.NotAfter.ToDateTimeOffset())));
        }

        await output.WriteLineAsync(Text.Format(CertVerify.RevocationLine, ContractNames.ShortName(response.Revocation)));
        if (response.HcRole.Length > 0)
        {
            await output.WriteLineAsync(Text.Format(CertVerify.HcRoleLine, response.HcRole));
        }

        foreach (var failure in response.Failures)
        {
            await output.WriteLineAsync(Text.Format(CertVerify.FailureLine, ContractNames.ShortName(failure.Reason), failure.ChainIndex, failure.Detail));
        }
    }
}
