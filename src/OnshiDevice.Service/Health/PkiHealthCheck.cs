using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Health;

/// <summary>
/// Whether certificates can be verified. Unhealthy when no trust anchor is configured for any purpose or
/// no CRL is loaded: no verification can then succeed (no path, or revocation never "good"). Degraded when
/// some purposes have no anchor, or the last CRL refresh reported problems but the CRLs loaded before still
/// serve, or the last background CRL fetch left a CRL not current. The description says which.
/// </summary>
public sealed class PkiHealthCheck : IHealthCheck
{
    private readonly TrustStore _trustStore;
    private readonly CrlStore _crls;
    private readonly Certificates.CrlFetchState _fetch;

    public PkiHealthCheck(TrustStore trustStore, CrlStore crls, Certificates.CrlFetchState fetch)
    {
        _trustStore = trustStore;
        _crls = crls;
        _fetch = fetch;
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

        var problems = missing.Concat(partlyAnchored).Concat(statistics.LastErrors).Concat(FetchProblems()).ToList();
        var summary = $"{_trustStore.Anchors.Count} trust anchors, {statistics.Crls} CRLs with {statistics.RevokedEntries} revoked serials";
        var description = problems.Count == 0 ? summary : $"{summary}; {string.Join("; ", problems)}";
        return Task.FromResult(
            missing.Count > 0 ? HealthCheckResult.Unhealthy(description)
            : problems.Count > 0 ? HealthCheckResult.Degraded(description)
            : HealthCheckResult.Healthy(description));
    }

    /// <summary>What the last background fetch could not bring up to date (the fetch is off by default: then nothing).</summary>
    private IEnumerable<string> FetchProblems()
    {
        if (_fetch.Last is not { } report || report.AllCurrent)
        {
            return [];
        }

        var at = report.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return report.Failure is { } failure
            ? [$"the CRL fetch at {at} could not run: {failure}"]
            : report.Results.Where(result => !result.IsCurrent).Select(result => $"the CRL fetch at {at}: {result.OutcomeName} {result.Location}: {result.Detail}");
    }
}
