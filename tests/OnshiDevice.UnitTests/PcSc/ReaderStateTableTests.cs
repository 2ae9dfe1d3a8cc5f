using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>
/// The reader-state table without PC/SC: each row starts from a known table, feeds it one reader list or one
/// SCardGetStatusChange result, and names the events it must make and the snapshot after them.
/// </summary>
public sealed class ReaderStateTableTests
{
    private static readonly byte[] AtrA = [0x3B, 0x8A, 0x01];
    private static readonly byte[] AtrB = [0x3B, 0x8A, 0x02];

    private const ReaderStatus CardIn = ReaderStatus.Present | ReaderStatus.Changed;
    private const ReaderStatus NoCard = ReaderStatus.Empty | ReaderStatus.Changed;

    public static TheoryData<string, ReaderStatus, int, string, string[]> ApplyRows => new()
    {
        // From an empty reader.
        { "", NoCard, 1, "", [] },
        { "", CardIn, 1, "A", ["CardInserted R A"] },
        { "", CardIn | ReaderStatus.Mute, 1, "", [] },
        { "", CardIn | ReaderStatus.Unavailable, 1, "", [] },

        // From a reader holding card A (event counter 1).
        { "A", NoCard, 2, "", ["CardRemoved R A"] },
        { "A", CardIn, 1, "A", [] },
        { "A", CardIn | ReaderStatus.Exclusive, 1, "A", [] },
        { "A", CardIn, 3, "A", ["CardRemoved R A", "CardInserted R A"] },
        { "A", CardIn | ReaderStatus.Mute, 2, "", ["CardRemoved R A"] },
    };

    [Theory]
    [MemberData(nameof(ApplyRows))]
    public void Apply_makes_the_events_of_the_change(string before, ReaderStatus now, int eventCount, string atrNow, string[] expected)
    {
        var table = TableWith(("R", before));
        var events = new List<ReaderEvent>();

        Assert.True(table.Apply(State("R", now, Atr(atrNow == "" && now.HasFlag(ReaderStatus.Present) ? "A" : atrNow), eventCount), events));

        Assert.Equal(expected, events.Select(Describe));
        var reader = Assert.Single(table.Snapshot(pcscAvailable: true).Readers);
        Assert.Equal(atrNow != "", reader.CardPresent);
        Assert.Equal(now.HasFlag(ReaderStatus.Exclusive), reader.InUse);
    }

    [Fact]
    public void A_card_swapped_for_another_between_two_looks_is_removed_then_inserted()
    {
        var table = TableWith(("R", "A"));
        var events = new List<ReaderEvent>();

        table.Apply(State("R", CardIn, AtrB, 1), events);

        Assert.Equal(["CardRemoved R A", "CardInserted R B"], events.Select(Describe));
        Assert.Equal(AtrB, table.Snapshot(true).Readers[0].Atr);
    }

    [Fact]
    public void Apply_leaves_an_unknown_reader_or_state_to_the_next_list()
    {
        var table = TableWith(("R", "A"));
        var events = new List<ReaderEvent>();

        Assert.False(table.Apply(State("Other", CardIn, AtrA, 1), events));
        Assert.False(table.Apply(State("R", ReaderStatus.Unknown | ReaderStatus.Changed, [], 1), events));
        Assert.Empty(events);
    }

    public static TheoryData<string[], string[], string[]> ReconcileRows => new()
    {
        // Known readers (name:card), the new list (name:card, "-" = no state read yet), the events.
        { [], ["R1:A", "R2:"], ["ReaderAttached R1", "CardInserted R1 A", "ReaderAttached R2"] },
        { ["R1:A", "R2:"], ["R1:A", "R2:"], [] },
        { ["R1:A", "R2:"], ["R2:"], ["CardRemoved R1 A", "ReaderDetached R1"] },
        { ["R1:", "R2:"], ["R1:"], ["ReaderDetached R2"] },
        { ["R1:"], ["R1:", "R2:B"], ["ReaderAttached R2", "CardInserted R2 B"] },
        { ["R1:"], ["R1:", "R2:-"], [] },
        { ["R1:A"], ["R1:B"], ["CardRemoved R1 A", "CardInserted R1 B"] },
    };

    [Theory]
    [MemberData(nameof(ReconcileRows))]
    public void Reconcile_brings_the_table_in_line_with_the_reader_list(string[] known, string[] listed, string[] expected)
    {
        var table = TableWith(known.Select(Parse).ToArray());
        var events = new List<ReaderEvent>();

        table.Reconcile(listed.Select(entry => Parse(entry).Name).ToList(), States(listed), useEventCounter: false, events);

        Assert.Equal(expected, events.Select(Describe));
        var readable = listed.Select(Parse).Where(entry => entry.Card != "-").ToList();
        Assert.Equal(readable.Select(entry => entry.Name), table.Snapshot(true).Readers.Select(reader => reader.Name));
        Assert.Equal(readable.Select(entry => entry.Card != ""), table.Snapshot(true).Readers.Select(reader => reader.CardPresent));
    }

    public static TheoryData<string[], string[], string[]> ReannounceRows => new()
    {
        // Nothing changed during the outage: everything is announced again.
        { ["R1:A", "R2:"], ["R1:A", "R2:"], ["ReaderAttached R1", "CardInserted R1 A", "ReaderAttached R2"] },

        // A reader went away (with its card), another lost its card, then the announcement of what is there.
        { ["R1:A", "R2:B", "R3:"], ["R2:", "R3:"], ["CardRemoved R1 A", "ReaderDetached R1", "CardRemoved R2 B", "ReaderAttached R2", "ReaderAttached R3"] },

        // A reader came during the outage: it is in the announcement, in PC/SC's order.
        { ["R1:"], ["R0:A", "R1:"], ["ReaderAttached R0", "CardInserted R0 A", "ReaderAttached R1"] },
    };

    [Theory]
    [MemberData(nameof(ReannounceRows))]
    public void Reannounce_after_a_restart_reports_what_went_then_everything_present(string[] known, string[] listed, string[] expected)
    {
        var table = TableWith(known.Select(Parse).ToArray());
        var events = new List<ReaderEvent>();

        table.Reannounce(listed.Select(entry => Parse(entry).Name).ToList(), States(listed), events);

        Assert.Equal(expected, events.Select(Describe));
    }

    [Fact]
    public void The_snapshot_announcement_is_what_a_new_watcher_would_have_heard()
    {
        var table = TableWith(("R1", "A"), ("R2", ""), ("R3", "B"));
        var time = DateTimeOffset.UnixEpoch;

        var announcement = table.Snapshot(true).Announcement(time);

        Assert.Equal(["ReaderAttached R1", "CardInserted R1 A", "ReaderAttached R2", "ReaderAttached R3", "CardInserted R3 B"], announcement.Select(Describe));
        Assert.All(announcement, readerEvent => Assert.Equal(time, readerEvent.Time));
    }

    [Fact]
    public void During_an_outage_the_snapshot_is_empty_and_announces_the_outage()
    {
        var table = TableWith(("R1", "A"));

        var snapshot = table.Snapshot(pcscAvailable: false);

        Assert.Empty(snapshot.Readers);
        Assert.Equal(["PcscUnavailable "], snapshot.Announcement(DateTimeOffset.UnixEpoch, "gone").Select(Describe));
    }

    [Theory]
    [InlineData(ReaderStatus.Present, true)]
    [InlineData(ReaderStatus.Present | ReaderStatus.Exclusive, true)]
    [InlineData(ReaderStatus.Present | ReaderStatus.InUse, true)]
    [InlineData(ReaderStatus.Present | ReaderStatus.Mute, false)]
    [InlineData(ReaderStatus.Present | ReaderStatus.Unavailable, false)]
    [InlineData(ReaderStatus.Present | ReaderStatus.Unknown, false)]
    [InlineData(ReaderStatus.Empty, false)]
    public void A_card_is_present_when_PCSC_reports_one_that_answered(ReaderStatus state, bool present) =>
        Assert.Equal(present, ReaderStateTable.IsCardPresent(state));

    private static ReaderStateTable TableWith(params (string Name, string Card)[] readers)
    {
        var table = new ReaderStateTable(TimeProvider.System);
        var entries = readers.Select(reader => $"{reader.Name}:{reader.Card}").ToArray();
        table.Reconcile(readers.Select(reader => reader.Name).ToList(), States(entries), useEventCounter: false, []);
        return table;
    }

    // "R1:A" = reader R1 holding card A (event counter 1); "R1:" = empty; "R1:-" = no state read.
    private static (string Name, string Card) Parse(string entry)
    {
        var parts = entry.Split(':');
        return (parts[0], parts[1]);
    }

    private static Dictionary<string, ReaderStateQuery> States(string[] entries) => entries
        .Select(Parse)
        .Where(entry => entry.Card != "-")
        .ToDictionary(entry => entry.Name, entry => State(entry.Name, entry.Card == "" ? NoCard : CardIn, Atr(entry.Card), 1));

    private static ReaderStateQuery State(string name, ReaderStatus state, byte[] atr, int eventCount) =>
        new(name) { EventState = state, Atr = atr, EventCount = eventCount };

    private static byte[] Atr(string card) => card switch
    {
        "A" => AtrA,
        "B" => AtrB,
        _ => [],
    };

    private static string Describe(ReaderEvent readerEvent)
    {
        var card = readerEvent.Atr.AsSpan().SequenceEqual(AtrA) ? " A" : readerEvent.Atr.AsSpan().SequenceEqual(AtrB) ? " B" : "";
        return $"{readerEvent.Kind} {readerEvent.ReaderName}{card}";
    }
}
