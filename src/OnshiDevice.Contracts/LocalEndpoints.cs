namespace OnshiDevice.Contracts;

/// <summary>
/// Where a local caller finds the service when nothing says otherwise: one rule the service (its default
/// <c>OnshiDevice:Listeners:Socket</c> and <c>:Pipe</c>) and the clients (<c>onshi</c>'s default address) share.
/// <list type="bullet">
/// <item>Windows: the named pipe <see cref="PipeName"/>.</item>
/// <item>Linux and macOS, the service: <see cref="SystemSocketPath"/> when it runs as root or that folder is already
/// its own (systemd's <c>RuntimeDirectory=onshi-device</c>); otherwise <c>$XDG_RUNTIME_DIR/onshi-device/onshi-device.sock</c>
/// (a developer's own runtime folder, which no other user can enter). Without either there is no default.</item>
/// <item>Linux and macOS, a client: the developer's socket under <c>$XDG_RUNTIME_DIR</c> when it exists, else the system one.</item>
/// </list>
/// </summary>
public static class LocalEndpoints
{
    /// <summary>The socket of the installed service.</summary>
    public const string SystemSocketPath = "/run/onshi-device/onshi-device.sock";

    /// <summary>The named pipe on Windows (\\.\pipe\onshi-device).</summary>
    public const string PipeName = "onshi-device";

    /// <summary>The loopback address for development (served by default only under <c>--simulate</c>).</summary>
    public const string DevelopmentLoopbackUrl = "http://127.0.0.1:50151";

    private const string RuntimeDirectoryVariable = "XDG_RUNTIME_DIR";

    /// <summary>The socket a developer's own service listens on by default, or null without <c>$XDG_RUNTIME_DIR</c>.</summary>
    public static string? UserSocketPath(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(RuntimeDirectoryVariable) is { Length: > 0 } runtime && Path.IsPathFullyQualified(runtime)
            ? Path.Combine(runtime, "onshi-device", "onshi-device.sock")
            : null;
    }

    /// <summary>
    /// The service's default socket: the system one for root or when its folder is already writable, else the user's;
    /// null when neither can be chosen (the service then asks for <c>OnshiDevice:Listeners:Socket</c>).
    /// </summary>
    public static string? DefaultServiceSocketPath(bool isRoot, Func<string, string?> environment, Func<string, bool> isWritableDirectory)
    {
        ArgumentNullException.ThrowIfNull(isWritableDirectory);
        if (isRoot || isWritableDirectory(Path.GetDirectoryName(SystemSocketPath)!))
        {
            return SystemSocketPath;
        }

        return UserSocketPath(environment);
    }

    /// <summary>The client's default socket: the developer's own when it exists, else the installed service's.</summary>
    public static string DefaultClientSocketPath(Func<string, string?> environment, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        return UserSocketPath(environment) is { } user && exists(user) ? user : SystemSocketPath;
    }
}
