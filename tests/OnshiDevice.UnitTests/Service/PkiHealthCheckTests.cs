using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Health;
using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Service;

public sealed class PkiHealthCheckTests
{
    [Fact]
    public async Task Without_anchors_or_crls_the_service_is_degraded_and_says_what_to_configure()
    {
        using var crls = new CrlStore(string.Empty, 1024, TimeProvider.System);
        var check = new PkiHealthCheck(new TrustStore(new Dictionary<CertificatePurpose, IReadOnlyList<OnshiDevice.Pki.Certificates.DerCertificate>>(), []), crls);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("Pki:TrustAnchors:JpkiAuthentication", result.Description, StringComparison.Ordinal);
        Assert.Contains("Pki:TrustAnchors:HpkiSigning", result.Description, StringComparison.Ordinal);
        Assert.Contains("Pki:Crls", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_simulated_trust_loaded_it_is_healthy()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"onshi-health-{Guid.NewGuid():N}");
        try
        {
            SimulatedTrust.WriteTo(folder, DateTimeOffset.UtcNow);
            var trust = OnshiDevice.UnitTests.Pki.SimulatedTrustStore.Load(folder);
            using var crls = new CrlStore(Path.Combine(folder, SimulatedTrust.CrlsFolder), 1024 * 1024, TimeProvider.System);
            await crls.RefreshAsync();

            var result = await new PkiHealthCheck(trust, crls).CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Healthy, result.Status);
            Assert.StartsWith("3 trust anchors, 8 CRLs", result.Description, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
