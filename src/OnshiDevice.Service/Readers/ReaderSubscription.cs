using System.Threading.Channels;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Readers;

/// <summary>
/// One subscriber of the <see cref="ReaderHub"/>: its buffered events, and a token that fires when the hub dropped it
/// for falling behind (so a write blocked on a slow client can be abandoned). Dispose to leave the hub.
/// </summary>
public sealed class ReaderSubscription : IDisposable
{
    private readonly ReaderHub _hub;
    private readonly Channel<ReaderEvent> _events;
    private readonly CancellationTokenSource _dropped = new();
    private int _disposed;

    internal ReaderSubscription(ReaderHub hub, int capacity)
    {
        _hub = hub;
        _events = Channel.CreateBounded<ReaderEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    /// <summary>
    /// The present state, then every change. Ends when the host stops; ends with <see cref="WatcherTooSlowException"/>
    /// when the subscriber fell further behind than its buffer.
    /// </summary>
    public ChannelReader<ReaderEvent> Events => _events.Reader;

    /// <summary>Cancelled when the hub dropped this subscriber for being too slow.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Whether the hub dropped this subscriber for being too slow.</summary>
    public bool WasDropped { get; private set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _hub.Unsubscribe(this);
            _events.Writer.TryComplete();
            _dropped.Dispose();
        }
    }

    internal bool TryWrite(ReaderEvent readerEvent) => _events.Writer.TryWrite(readerEvent);

    /// <summary>Whether the events ended because the service is stopping.</summary>
    public bool EndedByShutdown { get; private set; }

    internal void Complete() => _events.Writer.TryComplete();

    /// <summary>Ends the events because the service is stopping; called under the hub's lock.</summary>
    internal void EndForShutdown()
    {
        EndedByShutdown = true;
        _events.Writer.TryComplete();
    }

    /// <summary>Ends the events with <see cref="WatcherTooSlowException"/>; called under the hub's lock.</summary>
    internal void EndAsTooSlow()
    {
        WasDropped = true;
        _events.Writer.TryComplete(new WatcherTooSlowException("The watcher fell too far behind the reader events and was dropped; open a new watch."));
    }

    /// <summary>Fires <see cref="Dropped"/>; called outside the hub's lock.</summary>
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
