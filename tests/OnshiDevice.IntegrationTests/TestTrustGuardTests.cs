using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.IntegrationTests.ClinicLan;
using OnshiDevice.Pki;
using OnshiDevice.Server;
using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>The host trusts the simulators' test roots only with --simulate or --trust-test-roots.</summary>
public sealed class TestTrustGuardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-anchors-").FullName;

    [Fact]
    public void Every_root_and_CA_of_the_test_PKI_carries_the_mark()
    {
        foreach (var (path, der) in SimulatedTrust.Anchors)
        {
            Assert.True(TestTrustGuard.IsTestCertificate(OnshiDevice.Pki.Certificates.DerCertificate.Parse(der)), path);
        }
    }

    [Fact]
    public void A_test_root_in_any_purpose_is_refused_naming_that_purpose_unless_allowed()
    {
        var hpki = Path.Combine(_folder, "hpki");
        Directory.CreateDirectory(hpki);
        var (hpkiRootPath, hpkiRoot) = SimulatedTrust.Anchors.First(anchor => anchor.Key.StartsWith(SimulatedTrust.HpkiAnchors, StringComparison.Ordinal));
        File.WriteAllBytes(Path.Combine(hpki, Path.GetFileName(hpkiRootPath)), hpkiRoot);
        var trust = TrustStore.Load(new Dictionary<CertificatePurpose, string> { [CertificatePurpose.HpkiAuthentication] = hpki }, null);

        var refusal = TestTrustGuard.Refusal(trust, testRootsAllowed: false);

        Assert.NotNull(refusal);
        Assert.StartsWith("Pki:TrustAnchors:HpkiAuthentication holds a root of the simulators' test PKI", refusal, StringComparison.Ordinal);
        Assert.Contains("--trust-test-roots", refusal, StringComparison.Ordinal);
        Assert.Null(TestTrustGuard.Refusal(trust, testRootsAllowed: true));
    }

    [Fact]
    public void A_root_without_the_mark_is_not_refused()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Clinic Real Root, O=Example, C=JP", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        File.WriteAllBytes(Path.Combine(_folder, "real-root.der"), root.RawData);
        var trust = TrustStore.Load(new Dictionary<CertificatePurpose, string> { [CertificatePurpose.JpkiAuthentication] = _folder }, null);

        Assert.Null(TestTrustGuard.Refusal(trust, testRootsAllowed: false));
    }

    [Theory]
    [InlineData(new[] { "--simulate" }, true)]
    [InlineData(new[] { "--trust-test-roots" }, true)]
    [InlineData(new string[0], false)]
    public void Simulate_implies_trusting_test_roots(string[] arguments, bool trusts)
    {
        Assert.Equal(trusts, SimulationArguments.Parse(arguments, VirtualCardCatalog.Names).TrustsTestRoots);
        Assert.DoesNotContain("--trust-test-roots", SimulationArguments.Parse(arguments, VirtualCardCatalog.Names).RemainingArguments);
    }

    [Fact]
    public async Task The_program_pointed_at_the_test_trust_without_the_switch_stops_with_one_line()
    {
        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch() with { Environment = SimulatedTrustFolder.EnvironmentVariables() });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("onshi-device: Pki:TrustAnchors:", line, StringComparison.Ordinal);
        Assert.Contains("test PKI", line, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", result.Output, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
