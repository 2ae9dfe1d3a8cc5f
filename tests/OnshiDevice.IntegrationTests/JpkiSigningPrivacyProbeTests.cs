using Google.Protobuf;
using Google.Protobuf.Reflection;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// Privacy tripwire (c): the JPKI signing certificate names its holder (reference mynumber-card.md §10), so no
/// answer about it may carry a name or an address, however verification went: expired, revoked, or asked for
/// another purpose. The whole answer is searched (every string of the response: subjects, issuers, failure
/// details, hc_role), over gRPC and as `onshi cert verify` prints it.
/// </summary>
public sealed class JpkiSigningPrivacyProbeTests
{
    public static TheoryData<string, CertificatePurpose> Cases => new()
    {
        { "expired", CertificatePurpose.JpkiSigning },
        { "revoked", CertificatePurpose.JpkiSigning },
        { "standard", CertificatePurpose.JpkiAuthentication },
        { "standard", CertificatePurpose.HpkiSigning },
        { "standard", CertificatePurpose.HpkiAuthentication },
    };

    private static DateTime Soon => DateTime.UtcNow.AddSeconds(10);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Verify_answers_about_a_failing_JPKI_signing_certificate_without_a_name_or_address(string card, CertificatePurpose purpose)
    {
        using var trust = new ProbeTrust(revokeStandardSigning: card == "revoked");
        await using var host = await DeviceServiceHost.StartAsync(settings: trust.Settings);
        var certificates = new CertificatesClient(host.Channel);

        var response = await certificates.VerifyAsync(
            new VerifyRequest { Der = ByteString.CopyFrom(SigningCertificateOf(card)), Purpose = purpose },
            deadline: Soon);

        Assert.False(response.Valid);
        Assert.True(card != "revoked" || response.Revocation == RevocationStatus.Revoked, $"The probe's CRL did not revoke the card: {response}");
        AssertNoPersonalData(Strings(response), $"Verify({card}, {purpose})");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Onshi_cert_verify_prints_a_failing_JPKI_signing_certificate_without_a_name_or_address(string card, CertificatePurpose purpose)
    {
        using var trust = new ProbeTrust(revokeStandardSigning: card == "revoked");
        await using var host = await DeviceServiceHost.StartAsync(settings: trust.Settings);
        var file = Path.Combine(trust.Folder, "signing.der");
        await File.WriteAllBytesAsync(file, SigningCertificateOf(card));
        var purposeName = Cli.Commands.Names.Purposes.Single(name => Cli.Commands.Names.Purpose(name) == purpose);

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "cert", "verify", "--purpose", purposeName, file);

        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}; stderr: {result.Error}");
        AssertNoPersonalData(result.Output.Split('\n').Concat(result.Error.Split('\n')), $"onshi cert verify --purpose {purposeName} ({card})");
    }

    private static byte[] SigningCertificateOf(string card) =>
        (card == "expired" ? VirtualMyNumberCards.Expired() : VirtualMyNumberCards.Standard()).SigningCertificate;

    private static void AssertNoPersonalData(IEnumerable<string> texts, string what)
    {
        var scanner = SensitiveTextScanner.ForCatalogueCards();
        var found = texts.SelectMany(text => scanner.Find(text).Select(label => $"{label} in \"{text}\"")).ToList();
        Assert.True(found.Count == 0, $"{what} answered with personal data:\n  {string.Join("\n  ", found)}");
    }

    /// <summary>Every string anywhere in the message, nested messages and repeated fields included.</summary>
    private static IEnumerable<string> Strings(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            var items = field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<object>() : [value];
            foreach (var item in items)
            {
                switch (item)
                {
                    case string text when field.FieldType == FieldType.String:
                        yield return text;
                        break;
                    case IMessage nested:
                        foreach (var text in Strings(nested))
                        {
                            yield return text;
                        }

                        break;
                }
            }
        }
    }

    /// <summary>The simulators' trust in a folder of its own; with <c>revokeStandardSigning</c> the JPKI signing CA's CRL lists the standard card's signing certificate.</summary>
    private sealed class ProbeTrust : IDisposable
    {
        public ProbeTrust(bool revokeStandardSigning)
        {
            Folder = Path.Combine(Path.GetTempPath(), $"onshi-probe-trust-{Guid.NewGuid():N}");
            var now = DateTimeOffset.UtcNow;
            SimulatedTrust.WriteTo(Folder, now);
            if (revokeStandardSigning)
            {
                var revoked = RevokedCertificate.Of(VirtualMyNumberCards.Standard().SigningCertificate, now - TimeSpan.FromDays(1));
                var crl = TestJpkiHierarchy.Default.IssueCrl(
                    JpkiAuthority.Signing, [revoked], now - SimulatedTrust.CrlAge, now + SimulatedTrust.CrlLifetime, Math.Max(1, now.ToUnixTimeSeconds()));
                File.WriteAllBytes(Path.Combine(Folder, SimulatedTrust.CrlsFolder, "jpki-test-sign-root.crl"), crl);
            }

            Settings = SimulatedTrust.ServiceSettings(Folder);
        }

        public string Folder { get; }

        public IReadOnlyDictionary<string, string?> Settings { get; }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }
}
