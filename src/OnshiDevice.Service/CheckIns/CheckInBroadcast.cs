using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Photos;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Service.Errors;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// One face reader's check-in events, fanned out to its streams: the one attending desk and any number of watchers.
/// Each event is converted once; a visual check's photo goes to the desk only, as PNG, and the service's copy is wiped
/// when the check-in ends. It keeps what a stream opened mid-way needs: the reader's link state, the check-in in
/// progress, and the visual check a desk that starts attending then must see. Publishing never waits: a stream whose
/// buffer is full is dropped (WATCHER_TOO_SLOW).
/// </summary>
internal sealed class CheckInBroadcast
{
    internal const int BufferedEvents = 256;

    internal const string StoppingMessage = "The service is stopping; connect again once it is back.";

    private readonly object _lock = new();
    private readonly List<CheckInSubscription> _subscribers = [];
    private readonly string _faceReader;
    private readonly FaceReaderSettings _settings;
    private readonly int _maxWatchers;
    private readonly TimeProvider _time;
    private CheckInSubscription? _attendant;
    private bool _connected;
    private FaceReaderInfo? _info;
    private Guid? _checkIn;
    private Contract.CheckInEvent? _pendingVisualCheck;
    private byte[]? _photoPng;
    private bool _stopping;

    public CheckInBroadcast(string faceReader, FaceReaderSettings settings, int maxWatchers, TimeProvider time)
    {
        _faceReader = faceReader;
        _settings = settings;
        _maxWatchers = maxWatchers;
        _time = time;
    }

    /// <summary>The reader's state now, as ListFaceReaders and the first message of a stream give it.</summary>
    public Contract.FaceReaderState State
    {
        get
        {
            lock (_lock)
            {
                return StateLocked();
            }
        }
    }

    public bool Connected
    {
        get
        {
            lock (_lock)
            {
                return _connected;
            }
        }
    }

    /// <summary>A read-only stream, starting with the reader's state.</summary>
    /// <exception cref="WatchLimitReachedException">The reader already has as many watchers as allowed.</exception>
    public CheckInSubscription Watch() => Subscribe(attends: false);

    /// <summary>The attending desk's stream, starting with the reader's state (and the visual check under way, if any).</summary>
    /// <exception cref="ReaderAttendedException">Another desk attends the reader.</exception>
    public CheckInSubscription Attend() => Subscribe(attends: true);

    /// <summary>Publishes one of the flow's events; called from the reader's one event loop, in the flow's order.</summary>
    public void Publish(CheckInEvent checkInEvent)
    {
        var forWatchers = CheckInMapping.ToContract(_faceReader, checkInEvent);
        var forDesk = forWatchers;
        byte[]? png = null;
        if (checkInEvent is VisualCheckNeeded visual)
        {
            // Decoded here, outside the lock, on the loop: the flow owns the JPEG 2000 and wipes it at the check-in's end.
            forDesk = forWatchers.Clone();
            (png, var problem) = DecodePhoto(visual.Photo);
            forDesk.VisualCheckNeeded.PhotoPng = png is null ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(png);
            forDesk.VisualCheckNeeded.PhotoProblem = problem;
        }

        lock (_lock)
        {
            switch (checkInEvent)
            {
                case CheckInStarted:
                    _checkIn = checkInEvent.CheckInId;
                    break;
                case VisualCheckNeeded:
                    WipePhotoLocked();
                    _pendingVisualCheck = forDesk;
                    _photoPng = png;
                    break;
                default:
                    // The visual check was answered: a desk attending from now on does not need it. The PNG itself stays
                    // until the check-in ends, for a desk that has the photo's message still to send.
                    _pendingVisualCheck = null;
                    break;
            }

            Fan(forWatchers, forDesk);
            if (CheckInMapping.IsEnd(checkInEvent))
            {
                _checkIn = null;
                WipePhotoLocked();
            }
        }
    }

    /// <summary>Publishes the reader's link going down or coming back (from the flow's reading of the driver's events).</summary>
    public void PublishLink(FaceReaderEvent linkEvent)
    {
        lock (_lock)
        {
            switch (linkEvent)
            {
                case LinkLost:
                    _connected = false;
                    break;
                case LinkRestored restored:
                    _connected = true;
                    _info = restored.Info;
                    break;
                default:
                    return;
            }

            var state = StateEventLocked();
            Fan(state, state);
        }
    }

    /// <summary>Every stream ends with SERVICE_STOPPING; new ones are refused.</summary>
    public void EndForShutdown()
    {
        lock (_lock)
        {
            _stopping = true;
            foreach (var subscription in _subscribers)
            {
                subscription.EndForShutdown();
            }

            _subscribers.Clear();
            _attendant = null;
            WipePhotoLocked();
        }
    }

    internal void Leave(CheckInSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
            if (ReferenceEquals(_attendant, subscription))
            {
                _attendant = null;
            }
        }
    }

    private CheckInSubscription Subscribe(bool attends)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                throw new ServiceStoppingException(StoppingMessage);
            }

            if (attends && _attendant is not null)
            {
                throw new ReaderAttendedException("Another desk attends this face reader; follow it with WatchCheckIns, or attend once that desk's stream has ended.");
            }

            if (!attends && _subscribers.Count(s => !s.Attends) >= _maxWatchers)
            {
                throw new WatchLimitReachedException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The face reader already has {_maxWatchers} check-in watchers ({Readers.ReaderHub.MaxWatchStreamsSetting}); close one or raise the limit."));
            }

            var subscription = new CheckInSubscription(this, attends, BufferedEvents + 2);
            subscription.TryWrite(StateEventLocked());
            if (attends && _pendingVisualCheck is not null)
            {
                subscription.TryWrite(_pendingVisualCheck);
            }

            _subscribers.Add(subscription);
            if (attends)
            {
                _attendant = subscription;
            }

            return subscription;
        }
    }

    private void Fan(Contract.CheckInEvent forWatchers, Contract.CheckInEvent forDesk)
    {
        List<CheckInSubscription>? dropped = null;
        for (var i = _subscribers.Count - 1; i >= 0; i--)
        {
            var subscription = _subscribers[i];
            if (!subscription.TryWrite(subscription.Attends ? forDesk : forWatchers))
            {
                _subscribers.RemoveAt(i);
                if (ReferenceEquals(_attendant, subscription))
                {
                    _attendant = null;
                }

                subscription.EndAsTooSlow();
                (dropped ??= []).Add(subscription);
            }
        }

        // Cancelling runs the callbacks of a write blocked on the slow client; they take no lock of this broadcast.
        foreach (var subscription in dropped ?? [])
        {
            subscription.SignalDropped();
        }
    }

    private Contract.CheckInEvent StateEventLocked() => new()
    {
        FaceReader = _faceReader,
        Time = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
        ReaderState = StateLocked(),
    };

    private Contract.FaceReaderState StateLocked()
    {
        var state = new Contract.FaceReaderState
        {
            FaceReader = _faceReader,
            SerialPort = _settings.SerialPort,
            CardSlotReader = _settings.CardSlotReader,
            Connected = _connected,
            CheckInId = _checkIn?.ToString() ?? "",
            Attended = _attendant is not null,
        };
        if (_info is not null)
        {
            state.Info = CheckInMapping.ToContract(_info);
        }

        return state;
    }

    /// <summary>Zeroes the service's one copy of the PNG, which every desk message of the check-in wraps without copying.</summary>
    private void WipePhotoLocked()
    {
        if (_photoPng is not null)
        {
            Array.Clear(_photoPng);
            _photoPng = null;
        }

        _pendingVisualCheck = null;
    }

    private static (byte[]? Png, string Problem) DecodePhoto(CardFacePhoto photo)
    {
        if (!photo.TryCopy(out var jpeg2000))
        {
            return (null, "The check-in ended before the photo could be prepared.");
        }

        try
        {
            return (CardFacePhotoDecoder.ToPng(jpeg2000), "");
        }
        catch (PhotoDecodingException failed)
        {
            return (null, failed.Message.Length <= 256 ? failed.Message : failed.Message[..256]);
        }
        finally
        {
            Array.Clear(jpeg2000);
        }
    }
}
