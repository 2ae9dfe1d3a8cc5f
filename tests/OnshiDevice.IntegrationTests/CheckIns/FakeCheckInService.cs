using System.Collections.Concurrent;
using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>
/// A CheckIn service that plays a script, for the CLI's tests while the real one is not there: it lists the face
/// readers it is given, plays the scripted steps on either stream, records every AttendCheckIns request in the order
/// it came, and ends the stream (or refuses the call) with the failure it is given.
/// </summary>
internal sealed class FakeCheckInService : CheckIn.CheckInBase
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    public List<FaceReaderState> FaceReaders { get; } = [];

    public List<FakeStep> Script { get; } = [];

    /// <summary>Thrown as soon as a call arrives (a reader not configured, another desk attending).</summary>
    public RpcException? Refusal { get; set; }

    /// <summary>Thrown when the script has played; null ends the stream with OK.</summary>
    public RpcException? EndWith { get; set; }

    /// <summary>Every AttendCheckIns request, in the order received (the first should be `start`).</summary>
    public ConcurrentQueue<AttendCheckInsRequest> Received { get; } = new();

    public ConcurrentQueue<WatchCheckInsRequest> WatchRequests { get; } = new();

    /// <summary>The deadline of each call as the service saw it, by method name.</summary>
    public ConcurrentDictionary<string, DateTime> Deadlines { get; } = new();

    public override Task<ListFaceReadersResponse> ListFaceReaders(ListFaceReadersRequest request, ServerCallContext context)
    {
        Deadlines[nameof(ListFaceReaders)] = context.Deadline;
        if (Refusal is not null)
        {
            throw Refusal;
        }

        return Task.FromResult(new ListFaceReadersResponse { FaceReaders = { FaceReaders } });
    }

    public override async Task WatchCheckIns(WatchCheckInsRequest request, IServerStreamWriter<WatchCheckInsResponse> responseStream, ServerCallContext context)
    {
        Deadlines[nameof(WatchCheckIns)] = context.Deadline;
        WatchRequests.Enqueue(request);
        if (Refusal is not null)
        {
            throw Refusal;
        }

        await PlayAsync(
            checkInEvent => responseStream.WriteAsync(new WatchCheckInsResponse { Event = checkInEvent }, context.CancellationToken),
            _ => throw new InvalidOperationException("WatchCheckIns takes no commands."),
            context.CancellationToken);
    }

    public override async Task AttendCheckIns(IAsyncStreamReader<AttendCheckInsRequest> requestStream, IServerStreamWriter<AttendCheckInsResponse> responseStream, ServerCallContext context)
    {
        Deadlines[nameof(AttendCheckIns)] = context.Deadline;
        if (Refusal is not null)
        {
            throw Refusal;
        }

        // Read only where the script waits for commands, never beside it: ASP.NET Core refuses a handler that returns
        // with a read of the request body pending, and a cancelled read can cut the stream short on TestServer.
        await ReadAsync(requestStream, 1, context.CancellationToken);
        await PlayAsync(
            checkInEvent => responseStream.WriteAsync(new AttendCheckInsResponse { Event = checkInEvent }, context.CancellationToken),
            count => ReadAsync(requestStream, count, context.CancellationToken),
            context.CancellationToken);
    }

    // Until Received holds `count` requests (`start` and the commands after it).
    private async Task ReadAsync(IAsyncStreamReader<AttendCheckInsRequest> requests, int count, CancellationToken cancellationToken)
    {
        while (Received.Count < count && await requests.MoveNext(cancellationToken))
        {
            Received.Enqueue(requests.Current);
        }
    }

    private async Task PlayAsync(Func<CheckInEvent, Task> send, Func<int, Task> readCommands, CancellationToken cancellationToken)
    {
        foreach (var step in Script)
        {
            switch (step)
            {
                case FakeStep.Emit emit:
                    await send(emit.Event);
                    break;
                case FakeStep.AwaitCommands awaited:
                    // `start` and then this many staff commands.
                    await readCommands(awaited.Count + 1).WaitAsync(StepTimeout, cancellationToken);
                    break;
                case FakeStep.Run run:
                    await run.Action(cancellationToken);
                    break;
                case FakeStep.Hold:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
            }
        }

        if (EndWith is not null)
        {
            throw EndWith;
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, failing the call (and so the test) when it takes too long.</summary>
    internal static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The fake CheckIn service waited in vain for the CLI.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
