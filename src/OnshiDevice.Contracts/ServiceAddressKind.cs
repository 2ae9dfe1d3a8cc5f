namespace OnshiDevice.Contracts;

/// <summary>How a client (<c>onshi</c>, <c>onshi-sim</c>) reaches the service.</summary>
public enum ServiceAddressKind
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
