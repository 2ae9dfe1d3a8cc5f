using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Service.Callers;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// Every address the service listens on, read from <c>OnshiDevice:Listeners</c> and checked against the address
/// rules before the host is built: local callers over a Unix socket (Linux, macOS) or a named pipe (Windows), h2c on
/// loopback for development, and the clinic LAN only over HTTPS with client certificates. Nothing else may bind:
/// <c>Kestrel:Endpoints</c>, <c>urls</c> and the port settings are refused here, and
/// <see cref="ListenerGuard"/> checks every address the server really bound once it has started.
/// </summary>
internal sealed class ListenerPlan
{
    public const string SectionName = "OnshiDevice:Listeners";
    public const string SocketKey = SectionName + ":Socket";
    public const string SocketModeKey = SectionName + ":SocketMode";
    public const string SocketGroupKey = SectionName + ":SocketGroup";
    public const string PipeKey = SectionName + ":Pipe";
    public const string LoopbackKey = SectionName + ":Loopback";
    public const string LanKey = SectionName + ":Lan";

    /// <summary>Owner and group may connect; nobody else.</summary>
    public const UnixFileMode DefaultSocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>The value that turns a listener off.</summary>
    public const string Off = "off";

    // Host settings Kestrel would bind from (ASPNETCORE_URLS, DOTNET_URLS, --urls; ASPNETCORE_HTTP_PORTS, ..._HTTPS_PORTS).
    private static readonly string[] HostAddressKeys = ["urls", "http_ports", "https_ports"];

    private readonly Action<ListenOptions>? _configureLan;

    private ListenerPlan(IReadOnlyList<PlannedListener> listeners, IReadOnlyList<string> warnings, Action<ListenOptions>? configureLan)
    {
        Listeners = listeners;
        Warnings = warnings;
        _configureLan = configureLan;
    }

    public IReadOnlyList<PlannedListener> Listeners { get; }

    /// <summary>What the start-up log warns about (loopback without --simulate lets any local user call).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The plan for these settings, or <see cref="ListenerRefusedException"/> naming the setting that breaks a rule.
    /// <paramref name="configureLan"/> is the clinic LAN listener's TLS and client-certificate set-up; without it a
    /// <c>Lan</c> setting is refused, never served as plain HTTP.
    /// </summary>
    public static ListenerPlan From(IConfiguration configuration, bool simulate, ListenerEnvironment environment, Action<ListenOptions>? configureLan = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        RefuseRetiredKeys(configuration);
        RefuseOtherBindings(configuration);

        var listeners = new List<PlannedListener>();
        var warnings = new List<string>();
        if (PlanSocket(configuration, environment) is { } socket)
        {
            listeners.Add(socket);
        }

        if (PlanPipe(configuration, environment) is { } pipe)
        {
            listeners.Add(pipe);
        }

        if (PlanLoopback(configuration, simulate) is { } loopback)
        {
            listeners.Add(loopback);
            if (!simulate)
            {
                warnings.Add($"{LoopbackKey} {loopback.Display} lets any local user call the service, PIN-bearing calls included; it is meant for development.");
            }
        }

        if (PlanLan(configuration, configureLan) is { } lan)
        {
            listeners.Add(lan);
        }

        if (listeners.Count == 0)
        {
            throw new ListenerRefusedException($"every listener is off; set {(environment.IsWindows ? PipeKey : SocketKey)} (or {LoopbackKey} for development).");
        }

        return new ListenerPlan(listeners, warnings, configureLan);
    }

    /// <summary>
    /// Binds exactly the planned listeners (HTTP/2 only: gRPC). The socket and pipe listeners mark their connections
    /// in <see cref="ConnectionCallers"/>, which is how <see cref="Caller.Of"/> knows a call is local.
    /// </summary>
    public void Configure(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var callers = kestrel.ApplicationServices.GetRequiredService<ConnectionCallers>();
        foreach (var listener in Listeners)
        {
            switch (listener.Kind)
            {
                case ListenerKind.Socket:
                    kestrel.ListenUnixSocket(listener.SocketPath!, options =>
                    {
                        options.Protocols = HttpProtocols.Http2;
                        options.Use(callers.Mark(CallerKind.UnixSocket));
                    });
                    break;
                case ListenerKind.Pipe:
                    kestrel.ListenNamedPipe(listener.PipeName!, options =>
                    {
                        options.Protocols = HttpProtocols.Http2;
                        options.Use(callers.Mark(CallerKind.NamedPipe));
                    });
                    break;
                case ListenerKind.Loopback:
                    kestrel.Listen(listener.EndPoint!, options => options.Protocols = HttpProtocols.Http2);
                    break;
                case ListenerKind.Lan:
                    kestrel.Listen(listener.EndPoint!, _configureLan!);
                    break;
                default:
                    throw new InvalidOperationException($"No binding for listener kind {listener.Kind}.");
            }
        }
    }

    /// <summary>
    /// Whether an address the server reports as bound (IServerAddressesFeature's form: http://unix:/path,
    /// http://pipe:/name, http://127.0.0.1:50151) is one of the plan's.
    /// </summary>
    public bool Planned(string boundAddress)
    {
        ArgumentNullException.ThrowIfNull(boundAddress);
        foreach (var listener in Listeners)
        {
            if (string.Equals(listener.Display, boundAddress, StringComparison.Ordinal))
            {
                return true;
            }

            // Port 0 in the plan: the port Kestrel chose, on the planned address and scheme.
            if (listener.EndPoint is { Port: 0 } endPoint && Uri.TryCreate(boundAddress, UriKind.Absolute, out var bound)
                && bound.Scheme == (listener.Kind == ListenerKind.Lan ? Uri.UriSchemeHttps : Uri.UriSchemeHttp)
                && IPAddress.TryParse(bound.Host, out var address) && address.Equals(endPoint.Address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The planned addresses, for the start-up log.</summary>
    public string Describe() => string.Join(", ", Listeners.Select(listener => listener.Display));

    private static void RefuseRetiredKeys(IConfiguration configuration)
    {
        if (configuration["OnshiDevice:Listen"] is not null || configuration["OnshiDevice:AllowLan"] is not null)
        {
            throw new ListenerRefusedException(
                $"OnshiDevice:Listen and OnshiDevice:AllowLan are replaced by {SectionName}: set {SocketKey} (Linux, macOS), {PipeKey} (Windows), {LoopbackKey} (development) or {LanKey} (README.md \"Listeners\").");
        }
    }

    private static void RefuseOtherBindings(IConfiguration configuration)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            throw new ListenerRefusedException(url is null
                ? $"Kestrel:Endpoints:{endpoint.Key} would add a listener the address rules do not check; the service listens only where {SectionName} says. Remove it."
                : $"Kestrel:Endpoints:{endpoint.Key}:Url={url} would listen {Where(url)}; the service listens only where {SectionName} says. Remove it.");
        }

        foreach (var key in HostAddressKeys)
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                throw new ListenerRefusedException(
                    $"the host setting {key}={value} (ASPNETCORE_{key.ToUpperInvariant()}, DOTNET_{key.ToUpperInvariant()} or --{key}) would listen {Where(value)}; the service listens only where {SectionName} says. Unset it.");
            }
        }
    }

    // Names the rule an address would break: a LAN address unencrypted, or a loopback one that bypasses the plan.
    private static string Where(string url) =>
        Uri.TryCreate(url.Split(';')[0].Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address)))
            ? "beside the planned listeners"
            : $"on a network address without the clinic CA's client certificates (the clinic LAN is {LanKey})";

    private static PlannedListener? PlanSocket(IConfiguration configuration, ListenerEnvironment environment)
    {
        var setting = configuration[SocketKey];
        if (IsOff(setting))
        {
            return null;
        }

        if (environment.IsWindows)
        {
            if (setting is null)
            {
                return null;
            }

            throw new ListenerRefusedException($"{SocketKey} is for Linux and macOS; on Windows local callers use the named pipe {PipeKey}.");
        }

        var path = setting ?? LocalEndpoints.DefaultServiceSocketPath(environment.IsRoot, environment.Variable, environment.IsWritableDirectory)
            ?? throw new ListenerRefusedException(
                $"no default socket path: not root, {Path.GetDirectoryName(LocalEndpoints.SystemSocketPath)} is not writable and XDG_RUNTIME_DIR is not set; set {SocketKey} to an absolute path.");
        if (!Path.IsPathFullyQualified(path) || path.EndsWith('/'))
        {
            throw new ListenerRefusedException($"{SocketKey} must be an absolute path of a socket file, such as {LocalEndpoints.SystemSocketPath}; got \"{path}\".");
        }

        return new PlannedListener(ListenerKind.Socket)
        {
            SocketPath = path,
            SocketMode = ParseMode(configuration[SocketModeKey]),
            SocketGroup = ResolveGroup(configuration[SocketGroupKey], environment),
        };
    }

    private static UnixFileMode ParseMode(string? setting)
    {
        if (string.IsNullOrEmpty(setting))
        {
            return DefaultSocketMode;
        }

        int mode;
        try
        {
            mode = Convert.ToInt32(setting, 8);
        }
        catch (Exception invalid) when (invalid is FormatException or OverflowException or ArgumentException)
        {
            throw new ListenerRefusedException($"{SocketModeKey} must be an octal file mode such as 0660; got \"{setting}\".", invalid);
        }

        if (mode is < 0 or > 0x1FF)
        {
            throw new ListenerRefusedException($"{SocketModeKey} must be an octal file mode such as 0660; got \"{setting}\".");
        }

        var parsed = (UnixFileMode)mode;
        if (parsed.HasFlag(UnixFileMode.OtherWrite))
        {
            throw new ListenerRefusedException(
                $"{SocketModeKey} {setting} would let every local user call the service; give the callers a group ({SocketGroupKey}) and use a mode such as 0660.");
        }

        if (!parsed.HasFlag(UnixFileMode.UserWrite))
        {
            throw new ListenerRefusedException($"{SocketModeKey} {setting} leaves the owner unable to connect; use a mode such as 0660.");
        }

        return parsed;
    }

    private static SocketGroup? ResolveGroup(string? setting, ListenerEnvironment environment)
    {
        if (string.IsNullOrEmpty(setting))
        {
            return null;
        }

        if (uint.TryParse(setting, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new SocketGroup(setting, id);
        }

        return environment.GroupId(setting) is { } known
            ? new SocketGroup(setting, known)
            : throw new ListenerRefusedException($"{SocketGroupKey} names the group \"{setting}\", which this system does not know; create it or give its numeric id.");
    }

    private static PlannedListener? PlanPipe(IConfiguration configuration, ListenerEnvironment environment)
    {
        var setting = configuration[PipeKey];
        if (IsOff(setting))
        {
            return null;
        }

        if (!environment.IsWindows)
        {
            if (setting is null)
            {
                return null;
            }

            throw new ListenerRefusedException($"{PipeKey} is for Windows; on Linux and macOS local callers use the Unix socket {SocketKey}.");
        }

        var name = setting ?? LocalEndpoints.PipeName;
        if (name.IndexOfAny(['\\', '/', ':']) >= 0)
        {
            throw new ListenerRefusedException($"{PipeKey} is a pipe name such as {LocalEndpoints.PipeName}, without \\\\.\\pipe\\; got \"{name}\".");
        }

        return new PlannedListener(ListenerKind.Pipe) { PipeName = name };
    }

    private static PlannedListener? PlanLoopback(IConfiguration configuration, bool simulate)
    {
        var setting = configuration[LoopbackKey];
        if (IsOff(setting) || (setting is null && !simulate))
        {
            return null;
        }

        var url = setting ?? LocalEndpoints.DevelopmentLoopbackUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new ListenerRefusedException($"{LoopbackKey} must look like {LocalEndpoints.DevelopmentLoopbackUrl} (h2c on loopback) or be {Off}; got \"{url}\".");
        }

        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null;
        if (address is null || !IPAddress.IsLoopback(address))
        {
            throw new ListenerRefusedException(
                $"{LoopbackKey} {uri.Host} is not a loopback address; the clinic LAN is served only over HTTPS with client certificates ({LanKey}).");
        }

        return new PlannedListener(ListenerKind.Loopback) { EndPoint = new IPEndPoint(address, uri.Port) };
    }

    /// <summary>Whether the clinic LAN listener is configured (<c>Lan</c> as a value or as <c>Lan:Url</c>).</summary>
    public static bool IsLanConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(LanKey);
        return section.Value is not null || section.GetChildren().Any();
    }

    private static PlannedListener? PlanLan(IConfiguration configuration, Action<ListenOptions>? configureLan)
    {
        if (!IsLanConfigured(configuration))
        {
            return null;
        }

        var section = configuration.GetSection(LanKey);

        if (configureLan is null)
        {
            throw new ListenerRefusedException(
                $"{LanKey} needs the clinic CA (HTTPS with client certificates), which this build of onshi-device does not have; it never serves the LAN over plain HTTP. Remove the setting.");
        }

        var url = section.Value ?? section["Url"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !IPAddress.TryParse(uri.Host, out var address))
        {
            throw new ListenerRefusedException($"{LanKey} must look like https://192.168.1.10:50443 (an IP address of this PC); got \"{url}\".");
        }

        return new PlannedListener(ListenerKind.Lan) { EndPoint = new IPEndPoint(address, uri.Port) };
    }

    private static bool IsOff(string? setting) => setting is not null && (setting.Length == 0 || string.Equals(setting, Off, StringComparison.OrdinalIgnoreCase));
}
