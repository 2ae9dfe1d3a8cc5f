namespace OnshiDevice.PcSc;

/// <summary>
/// The state machine behind one <see cref="ReaderMonitor.WatchAsync"/> enumeration: what it last
/// reported per reader, its context, and the outage back-off. Each step adds the events it saw to a
/// list, so the enumerator can yield outside the try/catch that classifies PC/SC failures.
/// </summary>
internal sealed class ReaderWatch : IDisposable
{
    private readonly IPcscApi _api;
    private readonly ReaderMonitorOptions _options;
    private readonly List<KnownReader> _readers = [];
    private readonly Lock _contextLock = new();
    private PcscContext? _context;
    private ReaderStateQuery? _pnp;
    private long _lastListTimestamp;
    private TimeSpan _backoff;
    private bool _retryPending;
    private bool _unavailable;

    public ReaderWatch(IPcscApi api, ReaderMonitorOptions options)
    {
        _api = api;
        _options = options;
        _backoff = options.InitialBackoff;
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
        if (_context is null)
        {
            if (_retryPending)
            {
                await Task.Delay(_backoff, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                _backoff = TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }

            Run(() => Start(events), events);
            return;
        }

        if (_readers.Count == 0 && _pnp is null)
        {
            // Nothing to wait on: polling is all there is.
            await Task.Delay(_options.PollInterval, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            Run(() => Relist(_context, events), events);
            return;
        }

        var context = _context;
        var queries = _readers.Select(reader => new ReaderStateQuery(reader.Name, reader.State, reader.EventCount)).ToList();
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
            // the check just before it.
            changed = await Task.Run(
                () =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return context.WaitForChange(states, timeout);
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

    private static bool IsCardPresent(ReaderStatus state) =>
        state.HasFlag(ReaderStatus.Present)
        && (state & (ReaderStatus.Mute | ReaderStatus.Unavailable | ReaderStatus.Unknown)) == 0;

    private ReaderEvent Event(ReaderEventKind kind, string? readerName, byte[]? atr = null, string? detail = null) =>
        new(kind, readerName, atr ?? [], _options.TimeProvider.GetUtcNow(), detail);

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
            events.Add(Event(ReaderEventKind.PcscUnavailable, null, detail: exception.Message));
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
                Reannounce(names, states, events);
            }
            else
            {
                Reconcile(names, states, events, useEventCounter: false);
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

                var known = Find(state.ReaderName);
                if (known is null)
                {
                    continue;
                }

                if (state.EventState.HasFlag(ReaderStatus.Unknown))
                {
                    relist = true;
                    continue;
                }

                Apply(known, state, events, useEventCounter: true);
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
        var added = names.Where(name => Find(name) is null).ToList();
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

        Reconcile(names, states, events, useEventCounter: true);
    }

    /// <summary>
    /// Brings the known readers in line with <paramref name="names"/>: vanished readers are detached,
    /// new ones attached; readers with a fresh state in <paramref name="states"/> get card events.
    /// </summary>
    private void Reconcile(IReadOnlyList<string> names, Dictionary<string, ReaderStateQuery> states, List<ReaderEvent> events, bool useEventCounter)
    {
        var present = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var gone in _readers.Where(reader => !present.Contains(reader.Name)).ToList())
        {
            Detach(gone, events);
        }

        foreach (var name in names)
        {
            if (!states.TryGetValue(name, out var state) || state.EventState.HasFlag(ReaderStatus.Unknown))
            {
                continue;
            }

            var known = Find(name);
            if (known is null)
            {
                known = new KnownReader(name);
                _readers.Add(known);
                events.Add(Event(ReaderEventKind.ReaderAttached, name));
                Apply(known, state, events, useEventCounter: false);
            }
            else
            {
                Apply(known, state, events, useEventCounter);
            }
        }
    }

    /// <summary>After an outage: report what vanished, then every reader and card present now.</summary>
    private void Reannounce(IReadOnlyList<string> names, Dictionary<string, ReaderStateQuery> states, List<ReaderEvent> events)
    {
        var current = names.Where(name => states.TryGetValue(name, out var state) && !state.EventState.HasFlag(ReaderStatus.Unknown))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var reader in _readers)
        {
            if (!current.Contains(reader.Name))
            {
                Detach(reader, events, remove: false);
            }
            else if (reader.CardPresent && !IsCardPresent(states[reader.Name].EventState))
            {
                events.Add(Event(ReaderEventKind.CardRemoved, reader.Name, reader.Atr));
            }
        }

        _readers.Clear();
        foreach (var name in names.Where(current.Contains))
        {
            var known = new KnownReader(name);
            _readers.Add(known);
            events.Add(Event(ReaderEventKind.ReaderAttached, name));
            Apply(known, states[name], events, useEventCounter: false);
        }
    }

    private void Detach(KnownReader reader, List<ReaderEvent> events, bool remove = true)
    {
        if (reader.CardPresent)
        {
            events.Add(Event(ReaderEventKind.CardRemoved, reader.Name, reader.Atr));
        }

        events.Add(Event(ReaderEventKind.ReaderDetached, reader.Name));
        if (remove)
        {
            _readers.Remove(reader);
        }
    }

    /// <summary>
    /// Compares a reader's new state with the last one reported. A card that is present in both but
    /// has another ATR, or whose event counter moved, was taken out and put back (or swapped) between
    /// two looks: that is reported as a removal and an insertion.
    /// </summary>
    private void Apply(KnownReader known, ReaderStateQuery state, List<ReaderEvent> events, bool useEventCounter)
    {
        var present = IsCardPresent(state.EventState);
        var atr = state.Atr;
        if (known.CardPresent && present)
        {
            var swapped = !known.Atr.AsSpan().SequenceEqual(atr) || (useEventCounter && state.EventCount != known.EventCount);
            if (swapped)
            {
                events.Add(Event(ReaderEventKind.CardRemoved, known.Name, known.Atr));
                events.Add(Event(ReaderEventKind.CardInserted, known.Name, atr));
            }
        }
        else if (known.CardPresent)
        {
            events.Add(Event(ReaderEventKind.CardRemoved, known.Name, known.Atr));
        }
        else if (present)
        {
            events.Add(Event(ReaderEventKind.CardInserted, known.Name, atr));
        }

        known.State = state.EventState & ~ReaderStatus.Changed;
        known.EventCount = state.EventCount;
        known.CardPresent = present;
        known.Atr = present ? atr : [];
    }

    private KnownReader? Find(string name) => _readers.Find(reader => string.Equals(reader.Name, name, StringComparison.Ordinal));

    private sealed class KnownReader(string name)
    {
        public string Name { get; } = name;

        public ReaderStatus State { get; set; }

        public int EventCount { get; set; }

        public bool CardPresent { get; set; }

        public byte[] Atr { get; set; } = [];
    }
}
