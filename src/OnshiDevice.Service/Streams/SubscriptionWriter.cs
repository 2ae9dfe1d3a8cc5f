using Grpc.Core;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Streams;

/// <summary>Writes a subscription's events to a server stream until they end, the client goes or the subscription is dropped.</summary>
internal static class SubscriptionWriter
{
    /// <summary>How long the write in flight when a stream is dropped may wait for its client before the stream is reset.</summary>
    private static readonly TimeSpan DroppedWriteGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A dropped stream stops at once: no buffered event is sent after the drop, and the status follows the write in
    /// flight. That write waits for the client (HTTP/2 flow control) without holding a thread; a client that never
    /// reads again has it abandoned (the stream reset) after a grace period. Throws <see cref="ServiceStoppingException"/>
    /// when the events ended with the service and <see cref="WatcherTooSlowException"/> when the subscriber was dropped.
    /// </summary>
    public static async Task WriteAllAsync<TEvent, TResponse>(
        EventSubscription<TEvent> subscription,
        IServerStreamWriter<TResponse> responseStream,
        Func<TEvent, TResponse> toResponse,
        string stoppingMessage,
        string tooSlowMessage,
        ServerCallContext context,
        TimeProvider timeProvider)
    {
        using var abandon = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var onDrop = subscription.Dropped.UnsafeRegister(static state => ((CancellationTokenSource)state!).CancelAfter(DroppedWriteGrace), abandon);
        using var writing = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, abandon.Token);
        try
        {
            await foreach (var item in subscription.Events.ReadAllAsync(writing.Token))
            {
                if (subscription.WasDropped)
                {
                    break;
                }

                await responseStream.WriteAsync(toResponse(item), writing.Token);
            }
        }
        catch (OperationCanceledException) when (subscription.WasDropped && !context.CancellationToken.IsCancellationRequested)
        {
            // The grace period ran out: the stream is reset, the status cannot reach the client.
        }
        catch (WatcherTooSlowException)
        {
            // The events ended with the drop; answered below like a drop seen between events.
        }

        if (subscription.EndedByShutdown)
        {
            throw new ServiceStoppingException(stoppingMessage);
        }

        if (subscription.WasDropped)
        {
            throw new WatcherTooSlowException(tooSlowMessage);
        }
    }
}
