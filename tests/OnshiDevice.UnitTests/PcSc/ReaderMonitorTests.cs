using OnshiDevice.PcSc;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

public class ReaderMonitorTests
{
    private static readonly byte[] AtrA = [0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14];
    private static readonly byte[] AtrB = [0x3B, 0x8F, 0x80, 0x01];

    /// <summary>Changes can only be seen through PnP and status waits: no polling, no wait slices.</summary>
    private static ReaderMonitorOptions EventDriven => new()
    {
        PollInterval = TimeSpan.FromHours(1),
        MaxWaitSlice = TimeSpan.FromHours(1),
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(40),
    };

    [Fact]
    public async Task First_announces_every_reader_and_every_card_present()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        api.AddReader("B").Insert(new AnsweringCard(AtrA));
        await using var session = new MonitorSession(api, EventDriven);

        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");
        var inserted = await session.ExpectAsync(ReaderEventKind.CardInserted, "B");
        Assert.Equal(AtrA, inserted.Atr);
    }

    [Fact]
    public async Task Reports_insertion_and_removal_with_the_atr()
    {
        var api = new SimulatedPcscApi();
        var reader = api.AddReader("A");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");

        reader.Insert(new AnsweringCard(AtrA));
        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardInserted, "A")).Atr);

        reader.Remove();
        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardRemoved, "A")).Atr);
    }

    [Fact]
    public async Task A_card_taken_out_and_put_back_between_two_looks_is_removed_then_inserted()
    {
        var api = new SimulatedPcscApi();
        var reader = api.AddReader("A");
        var card = new AnsweringCard(AtrA);
        reader.Insert(card);
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.CardInserted, "A");

        reader.Replace(card);

        await session.ExpectAsync(ReaderEventKind.CardRemoved, "A");
        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardInserted, "A")).Atr);
    }

    [Fact]
    public async Task A_card_swapped_for_another_between_two_looks_is_removed_then_inserted()
    {
        var api = new SimulatedPcscApi();
        var reader = api.AddReader("A");
        reader.Insert(new AnsweringCard(AtrA));
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.CardInserted, "A");

        reader.Replace(new AnsweringCard(AtrB));

        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardRemoved, "A")).Atr);
        Assert.Equal(AtrB, (await session.ExpectAsync(ReaderEventKind.CardInserted, "A")).Atr);
    }

    [Fact]
    public async Task A_mute_card_is_not_reported_as_present()
    {
        var api = new SimulatedPcscApi();
        var readerA = api.AddReader("A");
        readerA.Condition = SimulatedReaderCondition.CardMute;
        readerA.Insert(new AnsweringCard(AtrB));
        var readerB = api.AddReader("B");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");

        readerA.Remove();
        readerA.Insert(new AnsweringCard(AtrB));
        readerB.Insert(new AnsweringCard(AtrA));

        // Had the mute card counted as present, a CardInserted for A would come first.
        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardInserted, "B")).Atr);
    }

    [Fact]
    public async Task A_card_in_an_unavailable_reader_is_not_reported_as_present()
    {
        var api = new SimulatedPcscApi();
        var readerA = api.AddReader("A");
        var readerB = api.AddReader("B");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");

        readerA.Condition = SimulatedReaderCondition.Unavailable;
        readerA.Insert(new AnsweringCard(AtrB));
        readerB.Insert(new AnsweringCard(AtrA));

        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardInserted, "B")).Atr);
        readerA.Condition = SimulatedReaderCondition.Working;
        Assert.Equal(AtrB, (await session.ExpectAsync(ReaderEventKind.CardInserted, "A")).Atr);
    }

    [Fact]
    public async Task A_missing_pcsc_library_reads_as_an_outage_and_is_retried()
    {
        var api = new SimulatedPcscApi();
        api.Faults.EstablishThrows = new DllNotFoundException("libpcsclite.so.1");
        api.AddReader("A");
        await using var session = new MonitorSession(api, EventDriven);

        var unavailable = await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        Assert.Contains("libpcsclite.so.1", unavailable.Detail, StringComparison.Ordinal);
        var restored = session.NextAsync();
        Assert.True(SpinWait.SpinUntil(() => api.Calls.FailedEstablishAttempts >= 2, TimeSpan.FromSeconds(5)));
        api.Faults.EstablishThrows = null;
        Assert.Equal(ReaderEventKind.PcscRestored, (await restored).Kind);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
    }

    [Fact]
    public async Task Readers_attached_and_detached_are_seen_through_the_pnp_reader()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");

        var readerB = api.AddReader("B");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");

        readerB.Insert(new AnsweringCard(AtrA));
        await session.ExpectAsync(ReaderEventKind.CardInserted, "B");

        api.RemoveReader("B");
        Assert.Equal(AtrA, (await session.ExpectAsync(ReaderEventKind.CardRemoved, "B")).Atr);
        await session.ExpectAsync(ReaderEventKind.ReaderDetached, "B");
    }

    [Fact]
    public async Task A_wait_failing_with_unknown_reader_relists_and_detaches_it()
    {
        var api = new SimulatedPcscApi();
        api.Faults.UnknownReaderFailsWait = true;
        var readerA = api.AddReader("A");
        api.AddReader("B").Insert(new AnsweringCard(AtrA));
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");
        await session.ExpectAsync(ReaderEventKind.CardInserted, "B");

        api.RemoveReader("B");

        await session.ExpectAsync(ReaderEventKind.CardRemoved, "B");
        await session.ExpectAsync(ReaderEventKind.ReaderDetached, "B");
        readerA.Insert(new AnsweringCard(AtrB));
        await session.ExpectAsync(ReaderEventKind.CardInserted, "A");
    }

    [Fact]
    public async Task The_first_reader_is_seen_through_the_pnp_reader_when_there_were_none()
    {
        var api = new SimulatedPcscApi();
        await using var session = new MonitorSession(api, EventDriven);
        var first = session.NextAsync();

        api.AddReader("A");

        Assert.Equal((ReaderEventKind.ReaderAttached, "A"), ((await first).Kind, (await first).ReaderName));
    }

    [Fact]
    public async Task Without_pnp_support_readers_are_found_by_polling()
    {
        var api = new SimulatedPcscApi();
        api.Faults.PnpUnsupported = true;
        api.AddReader("A");
        var options = EventDriven;
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        await using var session = new MonitorSession(api, options);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        var listsBefore = api.Calls.ListReaders;

        var readerB = api.AddReader("B");
        readerB.Insert(new AnsweringCard(AtrA));
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");
        await session.ExpectAsync(ReaderEventKind.CardInserted, "B");

        readerB.Remove();
        api.RemoveReader("B");
        await session.ExpectAsync(ReaderEventKind.CardRemoved, "B");
        await session.ExpectAsync(ReaderEventKind.ReaderDetached, "B");
        Assert.True(api.Calls.ListReaders > listsBefore);
    }

    [Fact]
    public async Task Without_pnp_support_and_no_readers_the_first_reader_is_found_by_polling()
    {
        var api = new SimulatedPcscApi();
        api.Faults.PnpUnsupported = true;
        var options = EventDriven;
        options.PollInterval = TimeSpan.FromMilliseconds(20);
        await using var session = new MonitorSession(api, options);
        var first = session.NextAsync();

        api.AddReader("A");

        Assert.Equal(ReaderEventKind.ReaderAttached, (await first).Kind);
    }

    [Fact]
    public async Task An_outage_is_reported_once_retried_with_back_off_and_followed_by_a_re_announcement()
    {
        var api = new SimulatedPcscApi();
        var readerA = api.AddReader("A");
        readerA.Insert(new AnsweringCard(AtrA));
        api.AddReader("B");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.CardInserted, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "B");

        api.StopService();
        var unavailable = await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        Assert.Contains("NoService", unavailable.Detail, StringComparison.Ordinal);

        var restored = session.NextAsync();
        Assert.True(SpinWait.SpinUntil(() => api.Calls.FailedEstablishAttempts >= 3, TimeSpan.FromSeconds(5)));
        Assert.False(restored.IsCompleted);
        api.RemoveReader("B");
        readerA.Remove();
        api.AddReader("C").Insert(new AnsweringCard(AtrB));
        api.StartService();

        Assert.Equal(ReaderEventKind.PcscRestored, (await restored).Kind);
        await session.ExpectAsync(ReaderEventKind.CardRemoved, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderDetached, "B");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "C");
        Assert.Equal(AtrB, (await session.ExpectAsync(ReaderEventKind.CardInserted, "C")).Atr);

        // Watching goes on with the new context.
        readerA.Insert(new AnsweringCard(AtrA));
        await session.ExpectAsync(ReaderEventKind.CardInserted, "A");
    }

    [Fact]
    public async Task Back_off_doubles_up_to_the_maximum_and_starts_again_after_a_recovery()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        api.StopService();
        var clock = new RecordingTimeProvider();
        var options = EventDriven;
        options.InitialBackoff = TimeSpan.FromMilliseconds(100);
        options.MaxBackoff = TimeSpan.FromMilliseconds(800);
        options.TimeProvider = clock;
        await using var session = new MonitorSession(api, options);
        await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        var restored = session.NextAsync();

        Assert.True(SpinWait.SpinUntil(() => api.Calls.FailedEstablishAttempts >= 6, TimeSpan.FromSeconds(5)));
        api.StartService();
        await restored;
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");

        Assert.Equal([100, 200, 400, 800, 800], clock.Delays.Take(5).Select(delay => delay.TotalMilliseconds));

        clock.Delays.Clear();
        api.StopService();
        await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        var restoredAgain = session.NextAsync();
        Assert.True(SpinWait.SpinUntil(() => !clock.Delays.IsEmpty, TimeSpan.FromSeconds(5)));
        api.StartService();
        Assert.Equal(ReaderEventKind.PcscRestored, (await restoredAgain).Kind);
        Assert.Equal(100, clock.Delays.First().TotalMilliseconds);
    }

    [Fact]
    public async Task A_service_restart_that_invalidates_the_context_is_an_outage()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        await using var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");

        api.StopService();
        api.StartService();

        var unavailable = await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        Assert.Contains("InvalidHandle", unavailable.Detail, StringComparison.Ordinal);
        await session.ExpectAsync(ReaderEventKind.PcscRestored, null);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
    }

    [Theory]
    [InlineData(PcscErrorCode.CommError)]
    [InlineData(PcscErrorCode.NoMemory)]
    public async Task A_service_refusing_a_context_is_an_outage_retried_with_back_off(PcscErrorCode refusal)
    {
        var api = new SimulatedPcscApi();
        api.Faults.EstablishRefusal = refusal;
        api.AddReader("A");
        await using var session = new MonitorSession(api, EventDriven);

        await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        var restored = session.NextAsync();
        Assert.True(SpinWait.SpinUntil(() => api.Calls.FailedEstablishAttempts >= 2, TimeSpan.FromSeconds(5)));
        api.Faults.EstablishRefusal = PcscErrorCode.Success;
        Assert.Equal(ReaderEventKind.PcscRestored, (await restored).Kind);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
    }

    [Fact]
    public async Task A_service_missing_at_start_is_reported_and_waited_for()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        api.StopService();
        await using var session = new MonitorSession(api, EventDriven);

        await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        api.StartService();
        await session.ExpectAsync(ReaderEventKind.PcscRestored, null);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
    }

    [Fact]
    public async Task Cancellation_ends_a_blocked_wait_promptly_and_releases_the_context()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        var session = new MonitorSession(api, EventDriven);
        await session.ExpectAsync(ReaderEventKind.ReaderAttached, "A");
        var next = session.MoveNextInBackground();
        Assert.True(SpinWait.SpinUntil(() => api.ActiveWaits > 0, TimeSpan.FromSeconds(5)));

        // The wait has no timeout of its own here (one-hour slices): only SCardCancel can end it.
        session.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(5)));
        await session.DisposeAsync();
        Assert.Equal(0, api.OpenContexts);
        Assert.Equal(0, api.ActiveWaits);
    }

    [Fact]
    public async Task Cancellation_during_back_off_ends_promptly()
    {
        var api = new SimulatedPcscApi();
        api.StopService();
        var options = EventDriven;
        options.InitialBackoff = TimeSpan.FromHours(1);
        options.MaxBackoff = TimeSpan.FromHours(1);
        var session = new MonitorSession(api, options);
        await session.ExpectAsync(ReaderEventKind.PcscUnavailable, null);
        var next = session.MoveNextInBackground();

        session.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(5)));
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Breaking_out_of_the_enumeration_releases_the_context()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");

        await foreach (var readerEvent in new ReaderMonitor(api, EventDriven).WatchAsync())
        {
            Assert.Equal(ReaderEventKind.ReaderAttached, readerEvent.Kind);
            break;
        }

        Assert.Equal(0, api.OpenContexts);
    }

    [Fact]
    public void Options_must_be_positive()
    {
        Assert.Throws<ArgumentException>(() => new ReaderMonitor(new SimulatedPcscApi(), new ReaderMonitorOptions { PollInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new ReaderMonitor(new SimulatedPcscApi(), new ReaderMonitorOptions
        {
            InitialBackoff = TimeSpan.FromSeconds(2),
            MaxBackoff = TimeSpan.FromSeconds(1),
        }));
    }
}
