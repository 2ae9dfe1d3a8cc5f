using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Health;
using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Service;

public sealed class PkiHealthCheckTests
{
    [Fact]
    public async Task Without_anchors_or_crls_it_is_unhealthy_and_says_what_to_configure()
    {
        using var crls = new CrlStore(string.Empty, 1024, TimeProvider.System);
        var check = new PkiHealthCheck(new TrustStore(new Dictionary<CertificatePurpose, IReadOnlyList<OnshiDevice.Pki.Certificates.DerCertificate>>(), []), crls, new OnshiDevice.Service.Certificates.CrlFetchState());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Pki:TrustAnchors:JpkiAuthentication", result.Description, StringComparison.Ordinal);
        Assert.Contains("Pki:TrustAnchors:HpkiSigning", result.Description, StringComparison.Ordinal);
        Assert.Contains("Pki:Crls", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_simulated_trust_loaded_it_is_healthy()
    {
        using var folder = new TrustFolder();
        using var crls = await folder.LoadCrlsAsync();

        var result = await new PkiHealthCheck(folder.LoadTrustStore(), crls, new OnshiDevice.Service.Certificates.CrlFetchState()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.StartsWith("3 trust anchors, 8 CRLs", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchors_without_a_loaded_crl_are_unhealthy()
    {
        using var folder = new TrustFolder();
        using var crls = new CrlStore(string.Empty, 1024, TimeProvider.System);

        var result = await new PkiHealthCheck(folder.LoadTrustStore(), crls, new OnshiDevice.Service.Certificates.CrlFetchState()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("no CRL folder is configured", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_file_beside_loaded_crls_is_degraded_not_down()
    {
        using var folder = new TrustFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, SimulatedTrust.CrlsFolder, "broken.crl"), [0x30, 0x03, 0x02]);
        using var crls = await folder.LoadCrlsAsync();

        var result = await new PkiHealthCheck(folder.LoadTrustStore(), crls, new OnshiDevice.Service.Certificates.CrlFetchState()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("broken.crl", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purpose_without_anchors_beside_anchored_ones_is_degraded_and_named()
    {
        using var folder = new TrustFolder();
        using var crls = await folder.LoadCrlsAsync();
        var anchored = folder.LoadTrustStore();
        var trust = new TrustStore(
            new Dictionary<CertificatePurpose, IReadOnlyList<OnshiDevice.Pki.Certificates.DerCertificate>>
            {
                [CertificatePurpose.HpkiSigning] = anchored.AnchorsFor(CertificatePurpose.HpkiSigning),
            },
            anchored.Intermediates);

        var result = await new PkiHealthCheck(trust, crls, new OnshiDevice.Service.Certificates.CrlFetchState()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("Pki:TrustAnchors:JpkiAuthentication", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Pki:TrustAnchors:HpkiSigning", result.Description, StringComparison.Ordinal);
    }

    private sealed class TrustFolder : IDisposable
    {
        public TrustFolder()
        {
            SimulatedTrust.WriteTo(Path, DateTimeOffset.UtcNow);
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"onshi-health-{Guid.NewGuid():N}");

        public TrustStore LoadTrustStore() => OnshiDevice.UnitTests.Pki.SimulatedTrustStore.Load(Path);

        public async Task<CrlStore> LoadCrlsAsync()
        {
            var crls = new CrlStore(System.IO.Path.Combine(Path, SimulatedTrust.CrlsFolder), 1024 * 1024, TimeProvider.System);
            await crls.RefreshAsync();
            return crls;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
