namespace OnshiDevice.Service.Callers;

/// <summary>How a call reached the service. Only the unauthenticated kind may never touch a PIN or a card's key.</summary>
public enum CallerKind
{
    /// <summary>Neither local nor mutually authenticated (a listener the rules should not have let through).</summary>
    Unauthenticated,

    /// <summary>A Unix domain socket: the file's mode and group decide who may connect.</summary>
    UnixSocket,

    /// <summary>A Windows named pipe.</summary>
    NamedPipe,

    /// <summary>Loopback TCP, for development: any local process may connect.</summary>
    Loopback,

    /// <summary>TLS on the clinic LAN with a client certificate issued by the clinic CA.</summary>
    ClinicClient,
}
