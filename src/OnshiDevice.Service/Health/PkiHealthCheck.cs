using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Health;

/// <summary>
/// Degraded (still serving: cards work, but verification cannot say "good") when a purpose has no trust anchor,
/// no CRL is loaded, or the last CRL refresh reported problems; the description says which.
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
        var problems = new List<string>();
        if (_trustStore.PurposesWithoutAnchors is { Count: > 0 } unanchored)
        {
            problems.Add($"no trust anchors are configured for {string.Join(", ", unanchored)} ({string.Join(", ", unanchored.Select(purpose => $"Pki:TrustAnchors:{purpose}"))})");
        }

        if (statistics.Crls == 0)
        {
            problems.Add(_crls.Folder.Length == 0 ? "no CRL folder is configured (Pki:Crls)" : $"no CRL is loaded from {_crls.Folder}");
        }

        problems.AddRange(statistics.LastErrors);
        var summary = $"{_trustStore.Anchors.Count} trust anchors, {statistics.Crls} CRLs with {statistics.RevokedEntries} revoked serials";
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Degraded($"{summary}; {string.Join("; ", problems)}"));
    }
}
