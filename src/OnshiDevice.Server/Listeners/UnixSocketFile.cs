using System.Net.Sockets;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// The socket file of a <see cref="ListenerKind.Socket"/> listener around Kestrel's bind: its folder made, a stale
/// socket left by a stopped service removed (only a socket nobody answers on, never another file), and the mode and
/// group set right after bind. Kestrel binds while the umask keeps the new file to its owner, so nobody else can
/// connect in the moment before the mode and group are set.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class UnixSocketFile
{
    /// <summary>Only the owner may connect to a socket created under it (0600).</summary>
    public const uint OwnerOnlyUmask = 0x7F; // 0177

    private const UnixFileMode FolderMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Makes the folder and clears a stale socket before bind; refuses a path that holds anything else.</summary>
    public static void PrepareForBind(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            // 0755: the socket's own mode and group decide who may connect.
            Directory.CreateDirectory(folder, FolderMode);
        }

        var type = UnixNative.FileTypeOf(path);
        if (type is null)
        {
            return;
        }

        if (type != UnixNative.SocketType)
        {
            throw new ListenerRefusedException(
                $"{path} exists and is not a socket; onshi-device will not remove it. Move it away or set OnshiDevice:Listeners:Socket to another path.");
        }

        if (Answers(path))
        {
            throw new ListenerRefusedException(ListenerAvailability.InUse($"http://unix:{path}", ListenerPlan.SocketKey));
        }

        // A socket nobody answers on: what a stopped service left behind.
        File.Delete(path);
    }

    /// <summary>Whether a socket at <paramref name="path"/> is answered (a running service); false when there is none or nobody answers.</summary>
    public static bool IsServed(string path) => UnixNative.FileTypeOf(path) == UnixNative.SocketType && Answers(path);

    /// <summary>Sets the mode and group of the bound socket, before anyone but its owner can connect.</summary>
    public static void ApplyAccess(PlannedListener socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var path = socket.SocketPath!;
        if (socket.SocketGroup is { } group)
        {
            UnixNative.ChangeGroup(path, group.Id);
        }

        File.SetUnixFileMode(path, socket.SocketMode);
    }

    /// <summary>Removes the socket at stop, if it is still a socket.</summary>
    public static void RemoveAfterStop(string path)
    {
        if (UnixNative.FileTypeOf(path) == UnixNative.SocketType)
        {
            File.Delete(path);
        }
    }

    private static bool Answers(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException refused) when (refused.SocketErrorCode is SocketError.ConnectionRefused)
        {
            return false;
        }
        catch (SocketException other)
        {
            throw new ListenerRefusedException(
                $"{path} is a socket onshi-device cannot probe ({other.SocketErrorCode}), so it will not remove it; remove it or set OnshiDevice:Listeners:Socket to another path.", other);
        }
    }
}
