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
}
