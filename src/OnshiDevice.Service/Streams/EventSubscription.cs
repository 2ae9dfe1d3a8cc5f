using System.Threading.Channels;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Streams;

/// <summary>
/// One subscriber of a fan-out (the reader hub, a face reader's check-ins): its buffered events, and a token that fires
/// when the publisher dropped it for falling behind (so a write blocked on a slow client can be abandoned). The
/// publisher writes under its own lock and never waits: a full buffer drops the subscriber. Dispose to leave.
/// </summary>
public class EventSubscription<T> : IDisposable
{
    private readonly Action<EventSubscription<T>> _leave;
    private readonly Channel<T> _events;
    private readonly CancellationTokenSource _dropped = new();
    private int _disposed;

    internal EventSubscription(Action<EventSubscription<T>> leave, int capacity)
    {
        _leave = leave;
        _events = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>The events as published. Ends when the service stops; ends with <see cref="WatcherTooSlowException"/> when dropped.</summary>
    public ChannelReader<T> Events => _events.Reader;

    /// <summary>Cancelled when the publisher dropped this subscriber for being too slow.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Whether the publisher dropped this subscriber for being too slow.</summary>
    public bool WasDropped { get; private set; }

    /// <summary>Whether the events ended because the service is stopping.</summary>
    public bool EndedByShutdown { get; private set; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _leave(this);
            _events.Writer.TryComplete();
            _dropped.Dispose();
        }
    }

    internal bool TryWrite(T item) => _events.Writer.TryWrite(item);

    internal void Complete() => _events.Writer.TryComplete();

    /// <summary>Ends the events because the service is stopping; called under the publisher's lock.</summary>
    internal void EndForShutdown()
    {
        EndedByShutdown = true;
        _events.Writer.TryComplete();
    }

    /// <summary>Ends the events with <see cref="WatcherTooSlowException"/>; called under the publisher's lock.</summary>
    internal void EndAsTooSlow(string message)
    {
        WasDropped = true;
        _events.Writer.TryComplete(new WatcherTooSlowException(message));
    }

    /// <summary>Fires <see cref="Dropped"/>; called outside the publisher's lock.</summary>
    internal void SignalDropped()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _dropped.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile: nobody is writing for it any more.
            }
        }
    }
}
