using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Health;

namespace OnshiDevice.Service.Readers;

/// <summary>
/// The reader hub's loop, hosted with the service: one <see cref="ReaderTracker"/> (one PC/SC context, waiting in
/// SCardGetStatusChange over every reader and the PnP pseudo-reader, with back-off while PC/SC is down or refuses a
/// context) whose every step is published to the <see cref="ReaderHub"/>. However many watch the readers, the
/// service holds this one context for it.
/// </summary>
internal sealed partial class ReaderHubLoop(IPcscApi api, ReaderHub hub, TimeProvider timeProvider, IHostApplicationLifetime lifetime, ILogger<ReaderHubLoop> logger) : BackgroundService
{
    /// <summary>How long the loop rests after a failure it did not expect before it starts over with a new context.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Watches end as soon as the host starts stopping: the server waits for open calls before it stops the hosted
        // services, and a watch (reception software keeps one open all day) would hold it up to its shutdown timeout.
        using var stopping = lifetime.ApplicationStopping.Register(hub.EndForShutdown);

        // The first step talks to PC/SC synchronously; the host's start must not wait for it.
        await Task.Yield();
        var monitor = new ReaderMonitor(api, new ReaderMonitorOptions { TimeProvider = timeProvider });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var tracker = monitor.Track();
                hub.AttachLoop(tracker.RequestRefresh);
                try
                {
                    while (true)
                    {
                        var change = await tracker.NextAsync(stoppingToken).ConfigureAwait(false);
                        // Logged first, so whoever sees the published step (a status call, a watch) finds the warning written.
                        LogOutages(change);
                        hub.Publish(change);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // PC/SC failures are the tracker's to handle; anything else is a defect, and the readers must still be watched.
                    LogLoopFailed(exception, exception.GetType().Name);
                    await Task.Delay(RestartDelay, timeProvider, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        finally
        {
            hub.DetachLoop();
        }
    }

    /// <summary>
    /// An outage is logged when the loop sees it: at start-up that is at once, before any call, so whoever starts the
    /// service learns that PC/SC is down and how to start it. The service keeps running and retries; health says so.
    /// </summary>
    private void LogOutages(ReaderChange change)
    {
        foreach (var readerEvent in change.Events)
        {
            if (readerEvent.Kind == ReaderEventKind.PcscUnavailable)
            {
                LogPcscUnreachable(api.Name, readerEvent.Detail ?? "unavailable", PcscAdvice.HowToStart);
            }
            else if (readerEvent.Kind == ReaderEventKind.PcscRestored)
            {
                LogPcscRestored(api.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PC/SC ({Pcsc}) cannot be reached ({PcscError}): no reader can be used until it is back; {Advice}. onshi-device keeps running, retries, and reports it in health (onshi health)")]
    private partial void LogPcscUnreachable(string pcsc, string pcscError, string advice);

    [LoggerMessage(Level = LogLevel.Information, Message = "PC/SC ({Pcsc}) is reachable again")]
    private partial void LogPcscRestored(string pcsc);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reader hub's loop failed with {ExceptionType}; it starts over with a new PC/SC context")]
    private partial void LogLoopFailed(Exception exception, string exceptionType);
}
