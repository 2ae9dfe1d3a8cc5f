using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Health;

/// <summary>
/// Whether certificates can be verified. Unhealthy when no trust anchor is configured for any purpose or
/// no CRL is loaded: no verification can then succeed (no path, or revocation never "good"). Degraded when
/// some purposes have no anchor, or the last CRL refresh reported problems but the CRLs loaded before still
/// serve. The description says which.
/// </summary>
public sealed class PkiHealthCheck : IHealthCheck
{
    private readonly TrustStore _trustStore;
    private readonly CrlStore _crls;

    public PkiHealthCheck(TrustStore trustStore, CrlStore crls)
    {
        _trustStore = trustStore;
        _crls = crls;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = _crls.Statistics;
        var missing = new List<string>();
        var unanchored = _trustStore.PurposesWithoutAnchors;
        var noAnchors = $"no trust anchors are configured for {string.Join(", ", unanchored)} ({string.Join(", ", unanchored.Select(purpose => $"Pki:TrustAnchors:{purpose}"))})";
        var partlyAnchored = new List<string>();
        if (_trustStore.Anchors.Count == 0)
        {
            missing.Add(noAnchors);
        }
        else if (unanchored.Count > 0)
        {
            partlyAnchored.Add(noAnchors);
        }

        if (statistics.Crls == 0)
        {
            missing.Add(_crls.Folder.Length == 0 ? "no CRL folder is configured (Pki:Crls)" : $"no CRL is loaded from {_crls.Folder}");
        }

        var problems = missing.Concat(partlyAnchored).Concat(statistics.LastErrors).ToList();
        var summary = $"{_trustStore.Anchors.Count} trust anchors, {statistics.Crls} CRLs with {statistics.RevokedEntries} revoked serials";
        var description = problems.Count == 0 ? summary : $"{summary}; {string.Join("; ", problems)}";
        return Task.FromResult(
            missing.Count > 0 ? HealthCheckResult.Unhealthy(description)
            : problems.Count > 0 ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy(description));
    }
}
