namespace OnshiDevice.Cli;

/// <summary>How <c>onshi</c> reaches the service.</summary>
internal enum CliAddressKind
{
    /// <summary>A Unix domain socket (Linux, macOS).</summary>
    UnixSocket,

    /// <summary>A Windows named pipe.</summary>
    NamedPipe,

    /// <summary>h2c on a loopback address (development).</summary>
    Http,

    /// <summary>The clinic LAN listener: HTTP/2 over TLS with a client certificate of the clinic CA (--client-cert).</summary>
    ClinicLan,
}
