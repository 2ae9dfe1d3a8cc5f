using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.TestSupport;

/// <summary>
/// A staff desk attending one face reader over AttendCheckIns, as reception software holds it. Every read is bounded by
/// the tier's patience: a check-in that never ends fails the test instead of hanging the run.
/// </summary>
public sealed class CheckInDesk : IDisposable
{
    private readonly TimeSpan _patience;

    private CheckInDesk(AsyncDuplexStreamingCall<AttendCheckInsRequest, AttendCheckInsResponse> call, TimeSpan patience)
    {
        Call = call;
        _patience = patience;
    }

    public AsyncDuplexStreamingCall<AttendCheckInsRequest, AttendCheckInsResponse> Call { get; }

    /// <summary>Starts attending <paramref name="faceReader"/>; the stream's first event (the reader's state) is read and checked.</summary>
    /// <param name="patience">How long the call, and each wait on it, may take.</param>
    public static async Task<CheckInDesk> AttendAsync(CheckIn.CheckInClient client, string faceReader, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(client);
        var call = client.AttendCheckIns(cancellationToken: new CancellationTokenSource(patience).Token);
        var desk = new CheckInDesk(call, patience);
        try
        {
            await call.RequestStream.WriteAsync(new AttendCheckInsRequest { Start = new StartAttending { FaceReader = faceReader } });
            var first = await desk.NextAsync();
            Assert.Equal(CheckInEvent.KindOneofCase.ReaderState, first.KindCase);
            return desk;
        }
        catch
        {
            desk.Dispose();
            throw;
        }
    }

    public async Task<CheckInEvent> NextAsync()
    {
        if (!await Call.ResponseStream.MoveNext(new CancellationTokenSource(_patience).Token))
        {
            throw new InvalidOperationException("The desk's stream ended.");
        }

        return Call.ResponseStream.Current.Event;
    }

    public Task SendAsync(AttendCheckInsRequest request) => Call.RequestStream.WriteAsync(request);

    /// <summary>The events up to and with the next end of a check-in (completed, failed or cancelled).</summary>
    public Task<List<CheckInEvent>> UntilEndAsync() => CheckInStreams.UntilEndAsync(Call.ResponseStream, response => response.Event, _patience);

    /// <summary>The events up to and with the first of <paramref name="kind"/>.</summary>
    public async Task<List<CheckInEvent>> UntilAsync(CheckInEvent.KindOneofCase kind)
    {
        var events = new List<CheckInEvent>();
        while (true)
        {
            var next = await NextAsync();
            events.Add(next);
            if (next.KindCase == kind)
            {
                return events;
            }
        }
    }

    public void Dispose() => Call.Dispose();
}
