using System.Globalization;
using Microsoft.Extensions.Options;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Readers;

/// <summary>
/// The service's one view of the readers: the snapshot its loop (<see cref="ReaderHubLoop"/>, one PC/SC context)
/// last published, and the subscribers that hear every change. ListReaders answers from the snapshot, each
/// WatchReaders stream is a subscriber, and so is any other layer that follows the readers (no gRPC types here).
/// <para>
/// A subscriber gets a bounded buffer seeded with the present state (the announcement of <see cref="ReaderSnapshot.Announcement"/>)
/// and then every event in order. Publishing never waits: a subscriber whose buffer is full is dropped (its reader ends
/// with <see cref="WatcherTooSlowException"/>), so one slow client never slows the others. The number of
/// subscribers is capped by <see cref="OnshiDeviceOptions.MaxWatchStreams"/>.
/// </para>
/// </summary>
public sealed class ReaderHub
{
    /// <summary>Events a subscriber may fall behind by (beyond its opening announcement) before it is dropped.</summary>
    public const int DefaultBufferedEvents = 256;

    internal const string StoppingMessage = "The service is stopping; connect again once it is back.";

    internal const string MaxWatchStreamsSetting = OnshiDeviceOptions.SectionName + ":" + nameof(OnshiDeviceOptions.MaxWatchStreams);

    private readonly Lock _lock = new();
    private readonly List<ReaderSubscription> _subscribers = [];
    private readonly List<(long Request, TaskCompletionSource<ReaderSnapshot> Answer)> _refreshes = [];
    private readonly int _maxSubscribers;
    private readonly int _bufferedEvents;
    private readonly TimeProvider _timeProvider;
    private ReaderSnapshot _current = ReaderSnapshot.None;
    private string? _unavailableDetail;
    private bool _published;
    private Func<long>? _requestRefresh;
    private readonly TaskCompletionSource _loopAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _stopping;

    public ReaderHub(IOptions<OnshiDeviceOptions> options, TimeProvider timeProvider)
        : this(options?.Value.MaxWatchStreams ?? throw new ArgumentNullException(nameof(options)), DefaultBufferedEvents, timeProvider)
    {
    }

    internal ReaderHub(int maxSubscribers, int bufferedEvents, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSubscribers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferedEvents, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _maxSubscribers = maxSubscribers;
        _bufferedEvents = bufferedEvents;
        _timeProvider = timeProvider;
    }

    /// <summary>The last published snapshot (<see cref="ReaderSnapshot.None"/> before the loop's first look).</summary>
    public ReaderSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>A new subscriber: its events start with the present state, then every change.</summary>
    /// <exception cref="WatchLimitReachedException">The hub already has <see cref="OnshiDeviceOptions.MaxWatchStreams"/> subscribers.</exception>
    public ReaderSubscription Subscribe()
    {
        lock (_lock)
        {
            if (_stopping)
            {
                throw new ServiceStoppingException(StoppingMessage);
            }

            if (_subscribers.Count >= _maxSubscribers)
            {
                throw new WatchLimitReachedException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The service already serves {_maxSubscribers} reader watches ({MaxWatchStreamsSetting}); close one or raise the limit."));
            }

            // Before the loop's first look there is nothing to announce: its first events are the announcement.
            var announcement = _published ? _current.Announcement(_timeProvider.GetUtcNow(), _unavailableDetail) : [];
            var subscription = new ReaderSubscription(this, announcement.Count + _bufferedEvents);
            foreach (var readerEvent in announcement)
            {
                subscription.TryWrite(readerEvent);
            }

            _subscribers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>
    /// The present state: the loop is asked to look at PC/SC now (not to wait for its next change), and the snapshot
    /// after that look is returned, so a change made before this call is in it. During a PC/SC outage the outage
    /// snapshot is returned at once.
    /// </summary>
    public async Task<ReaderSnapshot> GetFreshSnapshotAsync(CancellationToken cancellationToken)
    {
        // A call that arrives while the host is still starting the loop waits for it (within its deadline).
        await _loopAttached.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Task<ReaderSnapshot> answer;
        lock (_lock)
        {
            if (_stopping || _requestRefresh is null)
            {
                throw new ServiceStoppingException(StoppingMessage);
            }

            if (_published && !_current.PcscAvailable)
            {
                return _current;
            }

            var source = new TaskCompletionSource<ReaderSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
            _refreshes.Add((_requestRefresh(), source));
            answer = source.Task;
        }

        return await answer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What PC/SC answered when the present outage began; null while PC/SC is reachable.</summary>
    internal string? UnavailableDetail
    {
        get
        {
            lock (_lock)
            {
                return _current.PcscAvailable ? null : _unavailableDetail;
            }
        }
    }

    internal void Unsubscribe(ReaderSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }
    }

    /// <summary>
    /// The loop is running (again, after a restart); <paramref name="requestRefresh"/> asks its tracker for a fresh look
    /// and returns the request's number.
    /// </summary>
    internal void AttachLoop(Func<long> requestRefresh)
    {
        lock (_lock)
        {
            _requestRefresh = requestRefresh;

            // A new tracker counts its requests from zero: numbers taken from the one before would wait for a count it
            // may never reach (ListReaders once ran into its deadline so). Every request still waiting asks the new one.
            for (var i = 0; i < _refreshes.Count; i++)
            {
                _refreshes[i] = (requestRefresh(), _refreshes[i].Answer);
            }
        }

        _loopAttached.TrySetResult();
    }

    /// <summary>
    /// The service is stopping (the host's ApplicationStopping, before the server waits for open calls): every
    /// subscriber's events end with <see cref="ReaderSubscription.EndedByShutdown"/>, so an open watch never holds up
    /// the shutdown, and from now on a new subscriber or snapshot request is refused with <see cref="ServiceStoppingException"/>.
    /// </summary>
    internal void EndForShutdown()
    {
        lock (_lock)
        {
            _stopping = true;
            foreach (var subscription in _subscribers)
            {
                subscription.EndForShutdown();
            }

            _subscribers.Clear();
            foreach (var (_, answer) in _refreshes)
            {
                answer.TrySetException(new ServiceStoppingException(StoppingMessage));
            }

            _refreshes.Clear();
        }
    }

    /// <summary>The loop stopped, which it does only with the host: whatever <see cref="EndForShutdown"/> has not ended yet ends the same way.</summary>
    internal void DetachLoop()
    {
        lock (_lock)
        {
            _requestRefresh = null;
        }

        EndForShutdown();
    }

    /// <summary>Takes one step of the loop: the new snapshot, its events to every subscriber, answers to snapshot requests it covers.</summary>
    internal void Publish(ReaderChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<ReaderSubscription>? dropped = null;
        lock (_lock)
        {
            _current = change.Snapshot;
            _published = true;
            foreach (var readerEvent in change.Events)
            {
                if (readerEvent.Kind == ReaderEventKind.PcscUnavailable)
                {
                    _unavailableDetail = readerEvent.Detail;
                }
            }

            if (change.Events.Count > 0)
            {
                for (var i = _subscribers.Count - 1; i >= 0; i--)
                {
                    var subscription = _subscribers[i];
                    if (!change.Events.All(subscription.TryWrite))
                    {
                        _subscribers.RemoveAt(i);
                        subscription.EndAsTooSlow();
                        (dropped ??= []).Add(subscription);
                    }
                }
            }

            for (var i = _refreshes.Count - 1; i >= 0; i--)
            {
                var (request, answer) = _refreshes[i];
                if (request <= change.RefreshedThrough || !change.Snapshot.PcscAvailable)
                {
                    _refreshes.RemoveAt(i);
                    answer.TrySetResult(change.Snapshot);
                }
            }
        }

        // Outside the lock: cancelling runs the callbacks of a write blocked on the slow client.
        foreach (var subscription in dropped ?? [])
        {
            subscription.SignalDropped();
        }
    }
}
