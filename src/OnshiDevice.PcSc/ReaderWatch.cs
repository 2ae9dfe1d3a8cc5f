namespace OnshiDevice.PcSc;

/// <summary>
/// The loop behind one <see cref="ReaderMonitor.WatchAsync"/> enumeration or one <see cref="ReaderTracker"/>:
/// its context, the PnP probe, polling and the outage back-off. What the readers are in, and which events a change
/// makes, is the <see cref="ReaderStateTable"/>'s. Each step adds the events it saw to a list, so the enumerator
/// can yield outside the try/catch that classifies PC/SC failures.
/// </summary>
internal sealed class ReaderWatch : IDisposable
{
    private readonly IPcscApi _api;
    private readonly ReaderMonitorOptions _options;
    private readonly ReaderStateTable _table;
    private readonly Lock _contextLock = new();
    private PcscContext? _context;
    private ReaderStateQuery? _pnp;
    private long _lastListTimestamp;
    private TimeSpan _backoff;
    private bool _retryPending;
    private bool _unavailable;
    private long _refreshRequests;

    public ReaderWatch(IPcscApi api, ReaderMonitorOptions options)
    {
        _api = api;
        _options = options;
        _backoff = options.InitialBackoff;
        _table = new ReaderStateTable(options.TimeProvider);
    }

    /// <summary>The highest refresh request a step has answered with a fresh look at PC/SC (see <see cref="RequestRefresh"/>).</summary>
    public long RefreshedThrough { get; private set; }

    /// <summary>Whether the last step found PC/SC there.</summary>
    public bool PcscAvailable => _context is not null;

    public ReaderSnapshot Snapshot() => _table.Snapshot(PcscAvailable);

    /// <summary>
    /// Asks for a fresh look: the wait in progress is cut short and the next step reads every reader's state and
    /// the reader list at once. Returns the request's number; the step that answers it raises
    /// <see cref="RefreshedThrough"/> to at least that. Any thread.
    /// </summary>
    public long RequestRefresh()
    {
        var request = Interlocked.Increment(ref _refreshRequests);
        CancelWait();
        return request;
    }

    /// <summary>Called from the cancellation token's registration, on any thread.</summary>
    public void CancelWait()
    {
        lock (_contextLock)
        {
            _context?.Cancel();
        }
    }

    public async Task StepAsync(List<ReaderEvent> events, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var refreshRequest = Volatile.Read(ref _refreshRequests);
        if (_context is null)
        {
            if (_retryPending)
            {
                await Task.Delay(_backoff, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }

            Run(() => Start(events), events);
            RefreshedThrough = refreshRequest;
            return;
        }

        if (refreshRequest != RefreshedThrough)
        {
            // Someone wants the present state (ListReaders): look now instead of waiting, reader list included.
            var current = _context;
            Run(() => Look(current, events), events);
            RefreshedThrough = refreshRequest;
            return;
        }

        if (_table.Count == 0 && _pnp is null)
        {
            // Nothing to wait on: polling is all there is.
            await Task.Delay(_options.PollInterval, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            Run(() => Relist(_context, events), events);
            return;
        }

        var context = _context;
        var queries = _table.Queries();
        if (_pnp is not null)
        {
            queries.Add(_pnp);
        }

        var states = queries.ToArray();
        var timeout = WaitTimeout();
        bool changed;
        try
        {
            // GetStatusChange blocks its thread; the slice bound and SCardCancel keep that short. A cancel
            // that lands before the wait starts is lost (SCardCancel only ends a wait in progress), hence
            // the checks just before it: a refresh asked for since this step began is answered by the next
            // step at once instead of after a whole slice (ListReaders once ran into its deadline so).
            changed = await Task.Run(
                () =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Volatile.Read(ref _refreshRequests) == refreshRequest && context.WaitForChange(states, timeout);
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (PcscException exception)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HandleWaitFailure(exception, events);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        Run(() => AfterWait(context, states, changed, events), events);
    }

    public void Dispose()
    {
        lock (_contextLock)
        {
            _context?.Dispose();
            _context = null;
        }
    }

    private void Look(PcscContext context, List<ReaderEvent> events)
    {
        var states = _table.Queries().ToArray();
        if (states.Length > 0 && context.WaitForChange(states, 0))
        {
            foreach (var state in states)
            {
                _ = _table.Apply(state, events);
            }
        }

        Relist(context, events);
    }

    private ReaderEvent Event(ReaderEventKind kind, string? readerName, string? detail = null) =>
        new(kind, readerName, [], _options.TimeProvider.GetUtcNow(), detail);

    private int WaitTimeout()
    {
        var slice = _options.MaxWaitSlice;
        if (_pnp is null && _options.PollInterval < slice)
        {
            slice = _options.PollInterval;
        }

        return (int)Math.Clamp(slice.TotalMilliseconds, 1, int.MaxValue);
    }

    /// <summary>Runs a step part that talks to PC/SC, turning a failure into an outage or a quiet restart.</summary>
    private void Run(Action action, List<ReaderEvent> events)
    {
        try
        {
            action();
        }
        catch (PcscException exception)
        {
            LoseContext(exception, events);
        }
        catch (DllNotFoundException exception)
        {
            // No PC/SC library on this machine (pcscd not installed yet): as good as no service.
            LoseContext(new PcscServiceUnavailableException($"The PC/SC library could not be loaded: {exception.Message}", exception), events);
        }
    }

    private void HandleWaitFailure(PcscException exception, List<ReaderEvent> events)
    {
        switch (exception)
        {
            case PcscCancelledException:
                // Cancelled by someone else (SCARD_E_CANCELLED without our token): just wait again.
                return;
            case UnknownReaderException:
                // A reader went away between the last list and this wait.
                Run(() => Relist(_context!, events), events);
                return;
            case NoReadersException when _context!.IsValid:
                Run(() => Relist(_context!, events), events);
                return;
            default:
                LoseContext(exception, events);
                return;
        }
    }

    /// <summary>
    /// Drops the context after a failure. When the service is gone (or the context died with it) the
    /// consumer hears PcscUnavailable once; other failures restart quietly. Both retry after back-off.
    /// </summary>
    private void LoseContext(PcscException exception, List<ReaderEvent> events)
    {
        var context = _context;
        var serviceGone = exception is PcscServiceUnavailableException || context is null || !context.IsValid;
        Dispose();
        _pnp = null;
        _retryPending = true;
        if (serviceGone && !_unavailable)
        {
            _unavailable = true;
            events.Add(Event(ReaderEventKind.PcscUnavailable, null, exception.Message));
        }
    }

    private void Start(List<ReaderEvent> events)
    {
        var context = PcscContext.Establish(_api);
        try
        {
            var (names, states) = ReadAll(context);
            _pnp = ProbePnp(context);
            lock (_contextLock)
            {
                _context = context;
            }

            _lastListTimestamp = _options.TimeProvider.GetTimestamp();
            _retryPending = false;
            _backoff = _options.InitialBackoff;
            if (_unavailable)
            {
                _unavailable = false;
                events.Add(Event(ReaderEventKind.PcscRestored, null));
                _table.Reannounce(names, states, events);
            }
            else
            {
                _table.Reconcile(names, states, useEventCounter: false, events);
            }
        }
        catch
        {
            if (!ReferenceEquals(_context, context))
            {
                context.Dispose();
            }

            throw;
        }
    }

    /// <summary>Lists the readers and reads each one's state without waiting.</summary>
    private static (IReadOnlyList<string> Names, Dictionary<string, ReaderStateQuery> States) ReadAll(PcscContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            var names = context.GetReaders();
            try
            {
                return (names, ReadStates(context, names));
            }
            catch (UnknownReaderException) when (attempt < 3)
            {
                // A reader left between listing and reading: list again.
            }
        }
    }

    private static Dictionary<string, ReaderStateQuery> ReadStates(PcscContext context, IEnumerable<string> names)
    {
        var queries = names.Select(name => new ReaderStateQuery(name)).ToArray();
        if (queries.Length > 0)
        {
            // Unaware differs from every state, so this returns at once with the present one.
            context.WaitForChange(queries, 0);
        }

        return queries.ToDictionary(query => query.ReaderName, StringComparer.Ordinal);
    }

    /// <summary>
    /// Asks for the PnP pseudo-reader's state. pcsc-lite and Windows know it; where it comes back
    /// UNKNOWN (or the call rejects it) reader changes are found by listing readers every PollInterval,
    /// as Yubico's listener does.
    /// </summary>
    private static ReaderStateQuery? ProbePnp(PcscContext context)
    {
        var probe = new ReaderStateQuery(ReaderStateQuery.PnpNotification);
        try
        {
            context.WaitForChange([probe], 0);
        }
        catch (PcscException exception) when (exception is not PcscServiceUnavailableException)
        {
            return null;
        }

        if (probe.EventState.HasFlag(ReaderStatus.Unknown))
        {
            return null;
        }

        probe.CurrentState = probe.EventState & ~ReaderStatus.Changed;
        probe.CurrentEventCount = probe.EventCount;
        return probe;
    }

    private void AfterWait(PcscContext context, ReaderStateQuery[] states, bool changed, List<ReaderEvent> events)
    {
        var relist = false;
        if (changed)
        {
            foreach (var state in states)
            {
                if (ReferenceEquals(state, _pnp))
                {
                    // Some platforms wake the wait for a reader change without setting CHANGED; listing is cheap.
                    relist = true;
                    _pnp.CurrentState = state.EventState & ~ReaderStatus.Changed;
                    _pnp.CurrentEventCount = state.EventCount;
                    continue;
                }

                if (_table.Contains(state.ReaderName) && !_table.Apply(state, events))
                {
                    relist = true;
                }
            }
        }

        if (_pnp is null && _options.TimeProvider.GetElapsedTime(_lastListTimestamp) >= _options.PollInterval)
        {
            relist = true;
        }

        if (relist)
        {
            Relist(context, events);
        }
    }

    private void Relist(PcscContext context, List<ReaderEvent> events)
    {
        var names = context.GetReaders();
        _lastListTimestamp = _options.TimeProvider.GetTimestamp();
        var added = names.Where(name => !_table.Contains(name)).ToList();
        Dictionary<string, ReaderStateQuery> states;
        try
        {
            states = ReadStates(context, added);
        }
        catch (UnknownReaderException)
        {
            // A new reader left again at once; the next list settles it.
            states = [];
            names = names.Except(added).ToList();
        }

        _table.Reconcile(names, states, useEventCounter: true, events);
    }
}
