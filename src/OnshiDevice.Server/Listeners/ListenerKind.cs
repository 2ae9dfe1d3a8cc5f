namespace OnshiDevice.Server.Listeners;

/// <summary>The kinds of listener the service may have; nothing else is ever bound.</summary>
internal enum ListenerKind
{
    /// <summary>A Unix domain socket (Linux, macOS); its file mode and group decide who may call.</summary>
    Socket,

    /// <summary>A named pipe (Windows).</summary>
    Pipe,

    /// <summary>h2c on a loopback address, for development: any local user may call.</summary>
    Loopback,

    /// <summary>The clinic LAN: HTTPS with client certificates of the clinic CA, set up by that part of the service.</summary>
    Lan,
}
