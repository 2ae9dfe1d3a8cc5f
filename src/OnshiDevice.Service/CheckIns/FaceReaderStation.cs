using Microsoft.Extensions.Logging;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Link;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// One configured face reader at work: its protocol driver on its port, its check-in flow over its card slot, and the
/// broadcast of its check-ins to the streams. One loop moves the flow's events to the broadcast, in order.
/// </summary>
internal sealed partial class FaceReaderStation
{
    private readonly FaceReaderDriver _driver;
    private readonly CheckInFlow _flow;
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private readonly Task _run;

    private FaceReaderStation(string id, FaceReaderDriver driver, Func<LinkWatchingReader, CheckInFlow> flow, CheckInBroadcast broadcast, ILogger logger)
    {
        Id = id;
        Broadcast = broadcast;
        _driver = driver;
        _logger = logger;
        _flow = flow(new LinkWatchingReader(driver, broadcast.PublishLink));
        _run = Task.Run(RunAsync);
    }

    public string Id { get; }

    public CheckInBroadcast Broadcast { get; }

    /// <summary>Starts the reader's driver and flow; the driver connects (and reconnects) on its own.</summary>
    public static FaceReaderStation Start(
        string id, FaceReaderSettings settings, IFaceReaderPort port, ICheckInCard card, CheckInSetup setup, FaceAuthLockout lockout, int maxWatchers, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(setup);
        var driver = FaceReaderDriver.Start(port, setup.Link, time, loggers.CreateLogger<FaceReaderDriver>());
        return new FaceReaderStation(
            id,
            driver,
            reader => new CheckInFlow(reader, card, setup.Options, lockout, time),
            new CheckInBroadcast(id, settings, maxWatchers, time),
            loggers.CreateLogger<FaceReaderStation>());
    }

    /// <summary>Hands a staff command to the flow; false once it has stopped (the command's secret wiped all the same).</summary>
    public bool Post(StaffCommand command) => _flow.Post(command);

    /// <summary>
    /// Cancels the check-in in progress (CANCELLED by SERVICE, sent to the streams), then ends every stream with
    /// SERVICE_STOPPING and lets the reader go.
    /// </summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _run;
        Broadcast.EndForShutdown();
        await _driver.DisposeAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var flowRun = _flow.RunAsync(_stop.Token);
        try
        {
            await foreach (var checkInEvent in _flow.Events.ReadAllAsync(CancellationToken.None))
            {
                Broadcast.Publish(checkInEvent);
                LogEnd(checkInEvent);
            }
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogPublishFailed(failed, Id);
        }

        try
        {
            await flowRun;
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogFlowFailed(failed, Id);
        }
    }

    private void LogEnd(CheckInEvent checkInEvent)
    {
        switch (checkInEvent)
        {
            case CheckInStarted:
                LogStarted(checkInEvent.CheckInId, Id);
                break;
            case CheckInCompleted completed:
                LogCompleted(checkInEvent.CheckInId, Id, completed.Result.Method);
                break;
            case CheckInFailed { Cause: { } fault } failed:
                LogFaulted(fault, checkInEvent.CheckInId, Id, failed.State);
                break;
            case CheckInFailed failed:
                LogFailed(checkInEvent.CheckInId, Id, failed.Reason, failed.State);
                break;
            case CheckInCancelled cancelled:
                LogCancelled(checkInEvent.CheckInId, Id, cancelled.By, cancelled.State);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in {CheckInId} started on face reader {FaceReader}")]
    private partial void LogStarted(Guid checkInId, string faceReader);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in {CheckInId} on face reader {FaceReader} completed by {Method}")]
    private partial void LogCompleted(Guid checkInId, string faceReader, FaceAuth.Readers.CheckInMethod method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in {CheckInId} on face reader {FaceReader} failed with {Reason} in {State}")]
    private partial void LogFailed(Guid checkInId, string faceReader, CheckInFailureReason reason, CheckInState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Check-in {CheckInId} on face reader {FaceReader} failed unexpectedly in {State}")]
    private partial void LogFaulted(Exception exception, Guid checkInId, string faceReader, CheckInState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in {CheckInId} on face reader {FaceReader} cancelled by {By} in {State}")]
    private partial void LogCancelled(Guid checkInId, string faceReader, CheckInCancelledBy by, CheckInState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing the check-ins of face reader {FaceReader} failed")]
    private partial void LogPublishFailed(Exception exception, string faceReader);

    [LoggerMessage(Level = LogLevel.Error, Message = "The check-in flow of face reader {FaceReader} failed")]
    private partial void LogFlowFailed(Exception exception, string faceReader);
}
