using System.Net;
using System.Net.Sockets;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// Before the host starts: an address of the plan that something already serves (most often another onshi-device
/// still running, say one started for the doctor's check while the first still holds the socket and the port) is
/// refused with one line naming the address, the setting and what to do. The checks at bind time stay, for a start
/// that races another; this one keeps the common case to that line instead of the host's start-up trace.
/// </summary>
internal static class ListenerAvailability
{
    public static void RefuseTaken(ListenerPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        foreach (var listener in plan.Listeners)
        {
            var taken = listener.Kind switch
            {
                ListenerKind.Socket => !OperatingSystem.IsWindows() && UnixSocketFile.IsServed(listener.SocketPath!),
                ListenerKind.Loopback or ListenerKind.Lan => listener.EndPoint is { Port: > 0 } endPoint && IsTaken(endPoint),
                _ => false,
            };
            if (taken)
            {
                throw new ListenerRefusedException(InUse(listener.Display, SettingOf(listener.Kind)));
            }
        }
    }

    /// <summary>The one wording of an address in use, for this check and for the bind-time ones.</summary>
    public static string InUse(string address, string setting) =>
        $"{address} is in use: another onshi-device is probably running (stop it first, e.g. Ctrl+C in its terminal or " +
        $"`systemctl stop onshi-device`), or set {setting} to another address.";

    public static string SettingOf(ListenerKind kind) => kind switch
    {
        ListenerKind.Socket => ListenerPlan.SocketKey,
        ListenerKind.Pipe => ListenerPlan.PipeKey,
        ListenerKind.Loopback => ListenerPlan.LoopbackKey,
        ListenerKind.Lan => ListenerPlan.LanKey,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a listener kind."),
    };

    private static bool IsTaken(IPEndPoint endPoint)
    {
        // Bind without listening, as Kestrel would (SO_REUSEADDR on Unix, so a closed port's TIME_WAIT does not count).
        using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(endPoint);
            return false;
        }
        catch (SocketException bind) when (bind.SocketErrorCode is SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge here (an address the machine lacks, say): Kestrel's bind names it.
            return false;
        }
    }
}
