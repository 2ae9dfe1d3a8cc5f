using System.Net;

namespace OnshiDevice.Server.Listeners;

/// <summary>One listener of the plan: what it binds and, for a socket, the file's mode and group.</summary>
internal sealed record PlannedListener(ListenerKind Kind)
{
    /// <summary>The socket file (Socket).</summary>
    public string? SocketPath { get; init; }

    /// <summary>The file mode set on the socket right after bind (Socket).</summary>
    public UnixFileMode SocketMode { get; init; }

    /// <summary>The group given the socket right after bind, or null to keep the process's (Socket).</summary>
    public SocketGroup? SocketGroup { get; init; }

    /// <summary>The pipe name (Pipe).</summary>
    public string? PipeName { get; init; }

    /// <summary>The address and port (Loopback, Lan); port 0 takes a free one.</summary>
    public IPEndPoint? EndPoint { get; init; }

    /// <summary>How Kestrel names the address once bound (IServerAddressesFeature); for an IP listener with port 0, any port.</summary>
    public string Display => Kind switch
    {
        ListenerKind.Socket => $"http://unix:{SocketPath}",
        ListenerKind.Pipe => $"http://pipe:/{PipeName}",
        ListenerKind.Lan => $"https://{EndPoint}",
        _ => $"http://{EndPoint}",
    };
}

/// <summary>A group named in the settings, resolved to its id before start.</summary>
internal sealed record SocketGroup(string Name, uint Id);
