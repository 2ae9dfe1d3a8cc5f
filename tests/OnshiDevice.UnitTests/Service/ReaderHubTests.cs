using System.Threading.Channels;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Readers;

namespace OnshiDevice.UnitTests.Service;

public sealed class ReaderHubTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.UnixEpoch;
    private static readonly ReaderSnapshot TwoReaders = new(
        [new ReaderState("R1", CardPresent: true, [0x3B, 0x01], InUse: false), new ReaderState("R2", CardPresent: false, [], InUse: false)],
        PcscAvailable: true);

    [Fact]
    public void A_subscriber_before_the_first_look_hears_the_loop_announce_the_readers()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        using var subscription = hub.Subscribe();
        Assert.False(subscription.Events.TryRead(out _));

        hub.Publish(new ReaderChange(TwoReaders.Announcement(Time), TwoReaders, 0));

        Assert.Equal(["ReaderAttached R1", "CardInserted R1", "ReaderAttached R2"], Drain(subscription.Events));
    }

    [Fact]
    public void A_later_subscriber_starts_with_the_present_state_then_hears_every_change()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        hub.Publish(new ReaderChange(TwoReaders.Announcement(Time), TwoReaders, 0));
        using var subscription = hub.Subscribe();

        hub.Publish(new ReaderChange([Event(ReaderEventKind.CardRemoved, "R1")], TwoReaders, 0));

        Assert.Equal(["ReaderAttached R1", "CardInserted R1", "ReaderAttached R2", "CardRemoved R1"], Drain(subscription.Events));
    }

    [Fact]
    public void A_subscriber_during_an_outage_hears_of_the_outage_first()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        hub.Publish(new ReaderChange([new ReaderEvent(ReaderEventKind.PcscUnavailable, null, [], Time, "no pcscd")], ReaderSnapshot.None, 0));

        using var subscription = hub.Subscribe();

        Assert.True(subscription.Events.TryRead(out var first));
        Assert.Equal(ReaderEventKind.PcscUnavailable, first.Kind);
        Assert.Equal("no pcscd", first.Detail);
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_its_buffer_is_dropped_and_the_others_get_every_event()
    {
        var hub = new ReaderHub(10, bufferedEvents: 4, TimeProvider.System);
        hub.Publish(new ReaderChange([], new ReaderSnapshot([], true), 0));
        using var slow = hub.Subscribe();
        using var reading = hub.Subscribe();
        var heard = new List<string>();

        for (var i = 0; i < 5; i++)
        {
            hub.Publish(new ReaderChange([Event(ReaderEventKind.CardInserted, $"R{i}")], TwoReaders, 0));
            heard.AddRange(Drain(reading.Events));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"CardInserted R{i}"), heard);
        Assert.True(slow.WasDropped);
        Assert.True(slow.Dropped.IsCancellationRequested);
        Assert.Equal(1, hub.SubscriberCount);
        Assert.Equal(4, Drain(slow.Events).Count);
        await Assert.ThrowsAsync<WatcherTooSlowException>(async () => await slow.Events.Completion);
        Assert.Equal(ErrorReasons.WatcherTooSlow, ErrorMapper.Map(new WatcherTooSlowException("slow")).Reason);
        Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, ErrorMapper.Map(new WatcherTooSlowException("slow")).Code);
    }

    [Fact]
    public void Subscribers_past_the_cap_are_refused_with_the_setting_to_raise_and_a_closed_one_frees_its_place()
    {
        var hub = new ReaderHub(2, 8, TimeProvider.System);
        var first = hub.Subscribe();
        using var second = hub.Subscribe();

        var refused = Assert.Throws<WatchLimitReachedException>(hub.Subscribe);

        var mapped = ErrorMapper.Map(refused);
        Assert.Equal(Grpc.Core.StatusCode.ResourceExhausted, mapped.Code);
        Assert.Equal(ErrorReasons.WatchLimitReached, mapped.Reason);
        Assert.Equal("OnshiDevice:MaxWatchStreams", mapped.Metadata[ErrorReasons.SettingKey]);
        first.Dispose();
        using var third = hub.Subscribe();
        Assert.Equal(2, hub.SubscriberCount);
    }

    [Fact]
    public async Task A_fresh_snapshot_waits_for_the_loop_to_answer_the_request()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        long requests = 0;
        hub.AttachLoop(() => Interlocked.Increment(ref requests));
        hub.Publish(new ReaderChange([], new ReaderSnapshot([], true), 0));

        var fresh = hub.GetFreshSnapshotAsync(CancellationToken.None);
        Assert.Equal(1, requests);
        hub.Publish(new ReaderChange([], new ReaderSnapshot([], true), 0));
        Assert.False(fresh.IsCompleted);
        hub.Publish(new ReaderChange([], TwoReaders, 1));

        Assert.Same(TwoReaders, await fresh);
    }

    [Fact]
    public async Task A_fresh_snapshot_waiting_when_the_loop_restarts_is_answered_by_the_new_tracker()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        long firstTracker = 41;
        hub.AttachLoop(() => Interlocked.Increment(ref firstTracker));
        hub.Publish(new ReaderChange([], new ReaderSnapshot([], true), 41));
        var fresh = hub.GetFreshSnapshotAsync(CancellationToken.None);

        // The loop failed before it answered request 42 and starts over with a tracker that counts from zero.
        long secondTracker = 0;
        hub.AttachLoop(() => Interlocked.Increment(ref secondTracker));
        Assert.Equal(1, secondTracker);
        hub.Publish(new ReaderChange([], TwoReaders, 1));

        Assert.Same(TwoReaders, await fresh.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task During_an_outage_a_fresh_snapshot_is_the_outage_at_once()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        hub.AttachLoop(() => 1);
        hub.Publish(new ReaderChange([], ReaderSnapshot.None, 0));

        Assert.False((await hub.GetFreshSnapshotAsync(CancellationToken.None)).PcscAvailable);
    }

    [Fact]
    public async Task A_fresh_snapshot_asked_while_the_host_is_still_starting_the_loop_waits_for_it()
    {
        // ListReaders right after the host started once met a hub whose loop had not attached yet: INTERNAL.
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        var fresh = hub.GetFreshSnapshotAsync(CancellationToken.None);
        Assert.False(fresh.IsCompleted);

        var requested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.AttachLoop(() =>
        {
            requested.TrySetResult();
            return 1;
        });
        await requested.Task;
        hub.Publish(new ReaderChange([], TwoReaders, 1));

        Assert.Same(TwoReaders, await fresh);
    }

    [Fact]
    public async Task A_fresh_snapshot_without_a_loop_ends_with_its_deadline_and_after_the_loop_stopped_at_once()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        using var deadline = new CancellationTokenSource();
        var waiting = hub.GetFreshSnapshotAsync(deadline.Token);
        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        hub.AttachLoop(() => 1);
        hub.DetachLoop();

        await Assert.ThrowsAsync<ServiceStoppingException>(() => hub.GetFreshSnapshotAsync(CancellationToken.None));
    }

    [Fact]
    public async Task When_the_service_starts_stopping_every_watch_ends_as_such_and_new_ones_are_refused()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        long requests = 0;
        hub.AttachLoop(() => Interlocked.Increment(ref requests));
        hub.Publish(new ReaderChange(TwoReaders.Announcement(Time), TwoReaders, 0));
        using var watching = hub.Subscribe();
        var fresh = hub.GetFreshSnapshotAsync(CancellationToken.None);

        hub.EndForShutdown();

        Assert.Equal(3, Drain(watching.Events).Count);
        await watching.Events.Completion;
        Assert.True(watching.EndedByShutdown);
        Assert.False(watching.WasDropped);
        Assert.Equal(0, hub.SubscriberCount);
        await Assert.ThrowsAsync<ServiceStoppingException>(() => fresh);
        Assert.Throws<ServiceStoppingException>(hub.Subscribe);
        await Assert.ThrowsAsync<ServiceStoppingException>(() => hub.GetFreshSnapshotAsync(CancellationToken.None));
    }

    [Fact]
    public async Task When_the_loop_stops_every_subscription_ends()
    {
        var hub = new ReaderHub(10, 8, TimeProvider.System);
        hub.AttachLoop(() => 1);
        using var subscription = hub.Subscribe();

        hub.DetachLoop();

        await subscription.Events.Completion;
        Assert.Equal(0, hub.SubscriberCount);
    }

    private static ReaderEvent Event(ReaderEventKind kind, string reader) => new(kind, reader, [], Time);

    private static List<string> Drain(ChannelReader<ReaderEvent> events)
    {
        var drained = new List<string>();
        while (events.TryRead(out var readerEvent))
        {
            drained.Add($"{readerEvent.Kind} {readerEvent.ReaderName}");
        }

        return drained;
    }
}
