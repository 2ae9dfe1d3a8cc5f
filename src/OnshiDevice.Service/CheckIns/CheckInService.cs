using Grpc.Core;
using Microsoft.Extensions.Options;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Streams;
using OnshiDevice.Service.Validation;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The CheckIn RPCs over the configured face readers' stations: the list, the attending desk's duplex stream (its
/// commands go to the reader's flow in turn) and the read-only watch. No call starts a check-in; a card placed does.
/// </summary>
internal sealed class CheckInService : Contract.CheckIn.CheckInBase
{
    private readonly FaceReaderStations _stations;
    private readonly OnshiDeviceOptions _options;
    private readonly TimeProvider _time;

    public CheckInService(FaceReaderStations stations, IOptions<OnshiDeviceOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stations = stations;
        _options = options.Value;
        _time = time;
    }

    public override Task<Contract.ListFaceReadersResponse> ListFaceReaders(Contract.ListFaceReadersRequest request, ServerCallContext context)
    {
        var response = new Contract.ListFaceReadersResponse();
        response.FaceReaders.AddRange(_stations.All.Select(station => station.Broadcast.State));
        return Task.FromResult(response);
    }

    public override async Task WatchCheckIns(Contract.WatchCheckInsRequest request, IServerStreamWriter<Contract.WatchCheckInsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var station = StationOf(request.FaceReader, "face_reader");
        using var subscription = station.Broadcast.Watch();
        await SubscriptionWriter.WriteAllAsync(
            subscription,
            responseStream,
            static checkInEvent => new Contract.WatchCheckInsResponse { Event = checkInEvent },
            CheckInBroadcast.StoppingMessage,
            CheckInSubscription.TooSlowMessage,
            context,
            _time);
    }

    public override async Task AttendCheckIns(
        IAsyncStreamReader<Contract.AttendCheckInsRequest> requestStream, IServerStreamWriter<Contract.AttendCheckInsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var station = StationOf(await FirstRequestAsync(requestStream, context), "start.face_reader");
        using var subscription = station.Broadcast.Attend();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var writing = SubscriptionWriter.WriteAllAsync(
            subscription,
            responseStream,
            static checkInEvent => new Contract.AttendCheckInsResponse { Event = checkInEvent },
            CheckInBroadcast.StoppingMessage,
            CheckInSubscription.TooSlowMessage,
            context,
            _time);
        var reading = ForwardCommandsAsync(requestStream, station, ended.Token);

        // A desk that has said all it will (half-closed) still follows the reader; a bad command ends the stream.
        if (await Task.WhenAny(writing, reading) == reading && reading.IsFaulted)
        {
            await reading;
        }

        try
        {
            await writing;
        }
        finally
        {
            await ended.CancelAsync();
            await reading.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The first request: <c>start</c>, within the call timeout, so a desk that never says which reader cannot hang.</summary>
    private async Task<string> FirstRequestAsync(IAsyncStreamReader<Contract.AttendCheckInsRequest> requestStream, ServerCallContext context)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        deadline.CancelAfter(_options.DefaultCallTimeout);
        bool received;
        try
        {
            received = await requestStream.MoveNext(deadline.Token);
        }
        catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
        {
            throw new CallDeadlineExceededException("The desk did not send start (the face reader to attend) in time.");
        }

        if (!received || requestStream.Current.CommandCase != Contract.AttendCheckInsRequest.CommandOneofCase.Start)
        {
            throw new RequestValidationException("start", "The first request of AttendCheckIns is start, naming the face reader.");
        }

        return requestStream.Current.Start.FaceReader;
    }

    private static async Task ForwardCommandsAsync(IAsyncStreamReader<Contract.AttendCheckInsRequest> requestStream, FaceReaderStation station, CancellationToken cancellationToken)
    {
        while (await requestStream.MoveNext(cancellationToken))
        {
            // Validated before the flow sees it; the flow owns a secret it is handed and wipes it.
            station.Post(ToCommand(requestStream.Current));
        }
    }

    private static StaffCommand ToCommand(Contract.AttendCheckInsRequest request) => request.CommandCase switch
    {
        Contract.AttendCheckInsRequest.CommandOneofCase.Cancel => new CancelCheckIn(),
        Contract.AttendCheckInsRequest.CommandOneofCase.SwitchToVisualCheck => new SwitchToVisualCheck(),
        Contract.AttendCheckInsRequest.CommandOneofCase.ConfirmIdentity => new ConfirmIdentity(),
        Contract.AttendCheckInsRequest.CommandOneofCase.RejectIdentity => new RejectIdentity(),
        Contract.AttendCheckInsRequest.CommandOneofCase.EnterCardFaceNumber =>
            new EnterCardFaceNumber(RequestValidator.CardFaceNumber(request.EnterCardFaceNumber.CardFaceNumber, "enter_card_face_number.card_face_number")),
        Contract.AttendCheckInsRequest.CommandOneofCase.Start => throw new RequestValidationException("start", "start comes once, as the first request."),
        _ => throw new RequestValidationException("command", "Each request holds one command."),
    };

    private FaceReaderStation StationOf(string faceReader, string field) =>
        _stations.Find(RequestValidator.FaceReader(faceReader, field))
        ?? throw new FaceReaderNotFoundException("No face reader of that id is configured.") { FaceReaders = _stations.Ids };
}
