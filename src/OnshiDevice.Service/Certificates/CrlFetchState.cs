using OnshiDevice.Pki.Fetch;

namespace OnshiDevice.Service.Certificates;

/// <summary>
/// What the background CRL fetch knows, for health and status: whether it runs, and its last report (when, and
/// one result per CRL, or why it could not start). Written only by <see cref="CrlFetchService"/>.
/// </summary>
public sealed class CrlFetchState
{
    private CrlFetchReport? _last;

    /// <summary>Whether Pki:CrlFetch:Enabled turned the background fetch on.</summary>
    public bool Enabled { get; internal set; }

    /// <summary>The last fetch's report; null before the first has finished (or when the fetch is off).</summary>
    public CrlFetchReport? Last => Volatile.Read(ref _last);

    /// <summary>Raised after each fetch, with its report.</summary>
    public event EventHandler<CrlFetchReport>? Reported;

    internal void Publish(CrlFetchReport report)
    {
        Volatile.Write(ref _last, report);
        Reported?.Invoke(this, report);
    }
}

/// <summary>One background fetch: when it ended, a result per CRL, or <see cref="Failure"/> when it could not run at all.</summary>
public sealed record CrlFetchReport(DateTimeOffset At, IReadOnlyList<CrlFetchResult> Results, string? Failure)
{
    /// <summary>True when every CRL is current (updated or unchanged) and the fetch ran.</summary>
    public bool AllCurrent => Failure is null && Results.All(result => result.IsCurrent);
}
