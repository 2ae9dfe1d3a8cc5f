namespace OnshiDevice.PcSc;

// SHAPE ONLY: the PC/SC helper replaces the bodies.
public sealed class ReaderMonitor
{
    public ReaderMonitor(IPcscApi api, ReaderMonitorOptions? options = null) => throw new NotImplementedException();

    /// <summary>
    /// The present state first (ReaderAttached per reader, CardInserted per card present), then changes.
    /// On a PC/SC outage: PcscUnavailable, re-establish with back-off, PcscRestored, re-announce; never ends until cancelled.
    /// </summary>
    public IAsyncEnumerable<ReaderEvent> WatchAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

public sealed class ReaderMonitorOptions
{
    /// <summary>How often readers are listed when the PnP pseudo-reader is not supported.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
