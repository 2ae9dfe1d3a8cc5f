namespace OnshiDevice.PcSc;

/// <summary>
/// One PC/SC context that follows every reader and card, step by step, for one owner (the service's reader
/// hub): each <see cref="NextAsync"/> waits for a change (SCardGetStatusChange over all readers and the PnP
/// pseudo-reader, in slices of <see cref="ReaderMonitorOptions.MaxWaitSlice"/>) and returns the events and the
/// snapshot after them. On an outage it reports PcscUnavailable, re-establishes with back-off, then PcscRestored
/// and the re-announcement, as <see cref="ReaderMonitor.WatchAsync"/> does.
/// </summary>
/// <remarks>
/// Thread-safety: one caller of <see cref="NextAsync"/> at a time; <see cref="RequestRefresh"/> from any thread.
/// </remarks>
public sealed class ReaderTracker : IDisposable
{
    private readonly ReaderWatch _watch;

    internal ReaderTracker(IPcscApi api, ReaderMonitorOptions options)
    {
        _watch = new ReaderWatch(api, options);
    }

    /// <summary>
    /// One step: the first establishes the context and reads the present state. Returns when something changed,
    /// when a refresh was asked for, or after a quiet wait slice (then with no events).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the wait ends at once).</exception>
    public async Task<ReaderChange> NextAsync(CancellationToken cancellationToken)
    {
        var events = new List<ReaderEvent>();
        var registration = cancellationToken.Register(_watch.CancelWait);
        try
        {
            await _watch.StepAsync(events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Waits for a running cancel callback, so the context is not cancelled after release.
            await registration.DisposeAsync().ConfigureAwait(false);
        }

        return new ReaderChange(events, _watch.Snapshot(), _watch.RefreshedThrough);
    }

    /// <summary>Cuts the present wait short so the next step looks at PC/SC at once; returns this request's number.</summary>
    public long RequestRefresh() => _watch.RequestRefresh();

    public void Dispose() => _watch.Dispose();
}
