using System.Runtime.CompilerServices;

namespace OnshiDevice.PcSc;

/// <summary>
/// Watches readers and cards through SCardGetStatusChange, the way pcsc-sharp's SCardMonitor and
/// DeviceMonitor do together: one context, all readers plus the PnP pseudo-reader in one wait.
/// </summary>
/// <remarks>
/// Each <see cref="WatchAsync"/> enumeration owns its own context; several may run at once. The
/// blocking wait runs on the thread pool in slices of at most <see cref="ReaderMonitorOptions.MaxWaitSlice"/>,
/// and cancellation calls SCardCancel so it ends at once.
/// </remarks>
public sealed class ReaderMonitor
{
    private readonly IPcscApi _api;
    private readonly ReaderMonitorOptions _options;

    public ReaderMonitor(IPcscApi api, ReaderMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        _api = api;
        _options = options ?? new ReaderMonitorOptions();
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        if (_options.PollInterval <= TimeSpan.Zero || _options.InitialBackoff <= TimeSpan.Zero
            || _options.MaxBackoff < _options.InitialBackoff || _options.MaxWaitSlice <= TimeSpan.Zero)
        {
            throw new ArgumentException("Poll interval, back-off and wait slice must be positive, and MaxBackoff at least InitialBackoff.", nameof(options));
        }
    }

    /// <summary>A tracker over one context of its own, for an owner that shares what it sees (the service's reader hub).</summary>
    public ReaderTracker Track() => new(_api, _options);

    /// <summary>
    /// The present state first (ReaderAttached per reader, CardInserted per card present), then changes.
    /// On a PC/SC outage: PcscUnavailable, re-establish with back-off, PcscRestored, re-announce; never ends until cancelled.
    /// </summary>
    /// <remarks>
    /// The re-announcement after an outage reports readers that vanished (CardRemoved for a card that was
    /// in one, then ReaderDetached), cards that went away, and then ReaderAttached for every reader and
    /// CardInserted for every card present now, even ones seen before: the service restart reset them.
    /// Ends with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </remarks>
    public async IAsyncEnumerable<ReaderEvent> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var watch = new ReaderWatch(_api, _options);
        var registration = cancellationToken.Register(watch.CancelWait);
        try
        {
            var events = new List<ReaderEvent>();
            while (true)
            {
                events.Clear();
                await watch.StepAsync(events, cancellationToken).ConfigureAwait(false);
                foreach (var readerEvent in events)
                {
                    yield return readerEvent;
                }
            }
        }
        finally
        {
            // Waits for a running cancel callback, so the context is not cancelled after release.
            await registration.DisposeAsync().ConfigureAwait(false);
            watch.Dispose();
        }
    }
}
