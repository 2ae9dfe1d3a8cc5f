namespace OnshiDevice.PcSc;

/// <summary>
/// What is known of every reader and its card, and the events that tell a watcher of each change. Pure: no
/// threads, no PC/SC calls. The loop that talks to PC/SC (<see cref="ReaderWatch"/>) feeds it reader lists and
/// SCardGetStatusChange results; this type alone decides what counts as a card being present and which events a
/// change makes, so ListReaders and every watcher share one definition.
/// </summary>
internal sealed class ReaderStateTable(TimeProvider timeProvider)
{
    private readonly List<KnownReader> _readers = [];

    public int Count => _readers.Count;

    /// <summary>A card counts as present when PC/SC reports one that answered: present, and neither mute, unavailable nor unknown.</summary>
    public static bool IsCardPresent(ReaderStatus state) =>
        state.HasFlag(ReaderStatus.Present)
        && (state & (ReaderStatus.Mute | ReaderStatus.Unavailable | ReaderStatus.Unknown)) == 0;

    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The queries for the next SCardGetStatusChange: every known reader at its last seen state and event counter.</summary>
    public List<ReaderStateQuery> Queries() =>
        _readers.Select(reader => new ReaderStateQuery(reader.Name, reader.State, reader.EventCount)).ToList();

    public ReaderSnapshot Snapshot(bool pcscAvailable) => pcscAvailable
        ? new ReaderSnapshot(
            _readers.Select(reader => new ReaderState(reader.Name, reader.CardPresent, reader.Atr, reader.State.HasFlag(ReaderStatus.Exclusive))).ToList(),
            PcscAvailable: true)
        : new ReaderSnapshot([], PcscAvailable: false);

    /// <summary>
    /// Brings the known readers in line with <paramref name="names"/>: vanished readers are detached (a card in
    /// one is reported removed first), new ones attached (followed by their card); readers with a fresh state in
    /// <paramref name="states"/> get card events. A reader whose state is missing or Unknown is left for the next list.
    /// </summary>
    /// <param name="useEventCounter">Whether a moved event counter means the card was swapped (false for states of readers never asked before).</param>
    public void Reconcile(IReadOnlyList<string> names, IReadOnlyDictionary<string, ReaderStateQuery> states, bool useEventCounter, List<ReaderEvent> events)
    {
        var present = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var gone in _readers.Where(reader => !present.Contains(reader.Name)).ToList())
        {
            Detach(gone, events);
            _readers.Remove(gone);
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
                Apply(known, state, useEventCounter: false, events);
            }
            else
            {
                Apply(known, state, useEventCounter, events);
            }
        }
    }

    /// <summary>Applies one reader's SCardGetStatusChange result; false when the reader is not known or PC/SC no longer knows it (list again).</summary>
    public bool Apply(ReaderStateQuery state, List<ReaderEvent> events)
    {
        ArgumentNullException.ThrowIfNull(state);
        var known = Find(state.ReaderName);
        if (known is null || state.EventState.HasFlag(ReaderStatus.Unknown))
        {
            return false;
        }

        Apply(known, state, useEventCounter: true, events);
        return true;
    }

    /// <summary>
    /// After a PC/SC restart: reports what vanished (CardRemoved for a card that was in a reader gone now, then
    /// ReaderDetached; CardRemoved for cards gone from readers still there), then announces every reader and card
    /// present now, even ones seen before: the restart reset them.
    /// </summary>
    public void Reannounce(IReadOnlyList<string> names, IReadOnlyDictionary<string, ReaderStateQuery> states, List<ReaderEvent> events)
    {
        var current = names.Where(name => states.TryGetValue(name, out var state) && !state.EventState.HasFlag(ReaderStatus.Unknown))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var reader in _readers)
        {
            if (!current.Contains(reader.Name))
            {
                Detach(reader, events);
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
            Apply(known, states[name], useEventCounter: false, events);
        }
    }

    private void Detach(KnownReader reader, List<ReaderEvent> events)
    {
        if (reader.CardPresent)
        {
            events.Add(Event(ReaderEventKind.CardRemoved, reader.Name, reader.Atr));
        }

        events.Add(Event(ReaderEventKind.ReaderDetached, reader.Name));
    }

    /// <summary>
    /// Compares a reader's new state with the last one reported. A card that is present in both but has another
    /// ATR, or whose event counter moved, was taken out and put back (or swapped) between two looks: that is
    /// reported as a removal and an insertion.
    /// </summary>
    private void Apply(KnownReader known, ReaderStateQuery state, bool useEventCounter, List<ReaderEvent> events)
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

    private ReaderEvent Event(ReaderEventKind kind, string readerName, byte[]? atr = null) =>
        new(kind, readerName, atr ?? [], timeProvider.GetUtcNow());

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
