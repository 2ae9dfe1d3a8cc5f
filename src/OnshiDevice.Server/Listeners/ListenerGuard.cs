using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// The plan around the server's start: socket files prepared before bind (under an owner-only umask), their mode
/// and group set right after it, and every address the server really bound checked against the plan before the
/// host reports itself started. An address the plan did not make stops the start with
/// <see cref="ListenerRefusedException"/>.
/// </summary>
internal sealed partial class ListenerGuard(ListenerPlan plan, IServer server, ILogger<ListenerGuard> logger) : IHostedLifecycleService
{
    private uint? _previousUmask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return Task.CompletedTask;
        }

        var sockets = Sockets().ToList();
        foreach (var socket in sockets)
        {
            UnixSocketFile.PrepareForBind(socket.SocketPath!);
        }

        if (sockets.Count > 0)
        {
            // Kestrel binds during the server's start, between this and StartedAsync.
            _previousUmask = UnixNative.SetUmask(UnixSocketFile.OwnerOnlyUmask);
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        RestoreUmask();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var socket in Sockets())
            {
                UnixSocketFile.ApplyAccess(socket);
            }
        }

        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var unplanned = bound.Where(address => !plan.Planned(address)).ToList();
        if (unplanned.Count > 0)
        {
            throw new ListenerRefusedException(
                $"the server is bound to {string.Join(", ", unplanned)}, which {ListenerPlan.SectionName} did not plan (another setting or hosting component added it); stopping.");
        }

        if (bound.Count < plan.Listeners.Count)
        {
            throw new ListenerRefusedException($"the server bound {bound.Count} of the {plan.Listeners.Count} planned listeners ({plan.Describe()}); stopping.");
        }

        LogListening(string.Join(", ", bound));
        foreach (var warning in plan.Warnings)
        {
            LogWarning(warning);
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        RestoreUmask();
        if (!OperatingSystem.IsWindows())
        {
            foreach (var socket in Sockets())
            {
                UnixSocketFile.RemoveAfterStop(socket.SocketPath!);
            }
        }

        return Task.CompletedTask;
    }

    private IEnumerable<PlannedListener> Sockets() => plan.Listeners.Where(listener => listener.Kind == ListenerKind.Socket);

    private void RestoreUmask()
    {
        if (_previousUmask is { } previous)
        {
            UnixNative.SetUmask(previous);
            _previousUmask = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "onshi-device listening on {Addresses}")]
    private partial void LogListening(string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogWarning(string warning);
}
