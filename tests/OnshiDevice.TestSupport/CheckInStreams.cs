using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.TestSupport;

/// <summary>Reading the CheckIn service's streams (a desk's, a watcher's) until a check-in ends, within a deadline.</summary>
public static class CheckInStreams
{
    public static bool IsEnd(CheckInEvent checkInEvent)
    {
        ArgumentNullException.ThrowIfNull(checkInEvent);
        return checkInEvent.KindCase is CheckInEvent.KindOneofCase.Completed or CheckInEvent.KindOneofCase.Failed or CheckInEvent.KindOneofCase.Cancelled;
    }

    /// <summary>A read-only watcher of <paramref name="faceReader"/>; its first event (the reader's state) already read and checked.</summary>
    /// <param name="patience">How long the call, and its first read, may take.</param>
    public static async Task<AsyncServerStreamingCall<WatchCheckInsResponse>> WatchAsync(CheckIn.CheckInClient client, string faceReader, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(client);
        var call = client.WatchCheckIns(new WatchCheckInsRequest { FaceReader = faceReader }, cancellationToken: new CancellationTokenSource(patience).Token);
        try
        {
            Assert.True(await call.ResponseStream.MoveNext(new CancellationTokenSource(patience).Token), "The watcher's stream ended before its first event.");
            Assert.Equal(CheckInEvent.KindOneofCase.ReaderState, call.ResponseStream.Current.Event.KindCase);
            return call;
        }
        catch
        {
            call.Dispose();
            throw;
        }
    }

    /// <summary>A watcher's events up to and with the next end of a check-in.</summary>
    public static Task<List<CheckInEvent>> UntilEndAsync(AsyncServerStreamingCall<WatchCheckInsResponse> watch, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return UntilEndAsync(watch.ResponseStream, response => response.Event, patience);
    }

    /// <summary>The events of <paramref name="stream"/> up to and with the next end of a check-in, all within <paramref name="patience"/>.</summary>
    public static async Task<List<CheckInEvent>> UntilEndAsync<T>(IAsyncStreamReader<T> stream, Func<T, CheckInEvent> eventOf, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(eventOf);
        var events = new List<CheckInEvent>();
        var deadline = new CancellationTokenSource(patience).Token;
        while (await stream.MoveNext(deadline))
        {
            var next = eventOf(stream.Current);
            events.Add(next);
            if (IsEnd(next))
            {
                return events;
            }
        }

        throw new InvalidOperationException($"The stream ended before the check-in did: {string.Join(", ", events.Select(e => e.KindCase))}.");
    }
}
