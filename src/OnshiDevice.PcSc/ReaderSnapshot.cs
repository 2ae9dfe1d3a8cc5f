namespace OnshiDevice.PcSc;

/// <summary>
/// The readers and cards at one moment, in PC/SC's list order. <see cref="PcscAvailable"/> is false during a
/// PC/SC outage, when <see cref="Readers"/> is empty: what was attached before is unknown until the service is back.
/// </summary>
public sealed record ReaderSnapshot(IReadOnlyList<ReaderState> Readers, bool PcscAvailable)
{
    /// <summary>Before anything was read: no readers, PC/SC not known to be there.</summary>
    public static ReaderSnapshot None { get; } = new([], PcscAvailable: false);

    /// <summary>
    /// The events that bring a watcher who knows nothing up to this snapshot: per reader ReaderAttached, directly
    /// followed by CardInserted when a card is present; PcscUnavailable alone during an outage.
    /// </summary>
    public IReadOnlyList<ReaderEvent> Announcement(DateTimeOffset time, string? unavailableDetail = null)
    {
        if (!PcscAvailable)
        {
            return [new ReaderEvent(ReaderEventKind.PcscUnavailable, null, [], time, unavailableDetail)];
        }

        var events = new List<ReaderEvent>(Readers.Count * 2);
        foreach (var reader in Readers)
        {
            events.Add(new ReaderEvent(ReaderEventKind.ReaderAttached, reader.Name, [], time));
            if (reader.CardPresent)
            {
                events.Add(new ReaderEvent(ReaderEventKind.CardInserted, reader.Name, reader.Atr, time));
            }
        }

        return events;
    }
}
