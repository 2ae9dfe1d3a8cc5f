using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
namespace OnshiDevice.Contracts;

/// <summary>
/// Where the clients (<c>onshi</c>, and <c>onshi-sim</c> for the simulator control service) reach the service, and
/// the one place that decides which addresses they will send a PIN to:
/// the local Unix socket (<c>unix:/path</c>, the default on Linux and macOS), the named pipe (<c>pipe:NAME</c>, the
/// default on Windows), h2c on loopback for development (<c>http://127.0.0.1:50151</c>), or the clinic LAN listener
/// (<c>https://HOST:PORT</c>, only with <c>--client-cert</c>). Plain HTTP to any other host is refused: a PIN would
/// cross the network unencrypted.
/// </summary>
public sealed record ServiceAddress(ServiceAddressKind Kind, string Target)
{
    /// <summary>The address clients use when no <c>--address</c> is given.</summary>
    public const string EnvironmentVariable = "ONSHI_ADDRESS";

    private const string UnixPrefix = "unix:";
    private const string PipePrefix = "pipe:";

    // The authority gRPC puts in :authority over a socket or pipe; nothing resolves it.
    private static readonly Uri LocalAuthority = new("http://localhost");

    /// <summary>The default: the named pipe on Windows; elsewhere the developer's socket if it exists, else the installed service's.</summary>
    public static ServiceAddress Default(Func<string, string?> environment, Func<string, bool> exists) =>
        OperatingSystem.IsWindows()
            ? new ServiceAddress(ServiceAddressKind.NamedPipe, LocalEndpoints.PipeName)
            : new ServiceAddress(ServiceAddressKind.UnixSocket, LocalEndpoints.DefaultClientSocketPath(environment, exists));

    /// <summary>What a client's <c>--address</c> defaults to: <c>$ONSHI_ADDRESS</c> when set, else <see cref="Default"/>.</summary>
    public static string DefaultText(Func<string, string?> environment, Func<string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : Default(environment, exists).ToString();
    }

    /// <summary>
    /// The address of <c>--address</c> or <c>$ONSHI_ADDRESS</c>, given whether <c>--client-cert</c> was too;
    /// <see cref="ServiceAddressException"/> (with its <see cref="ServiceAddressProblem"/>) for one it will not use.
    /// <c>HOST:PORT</c> without a scheme is h2c on loopback and https (the clinic LAN) anywhere else, or wherever a
    /// client certificate is given.
    /// </summary>
    public static ServiceAddress Parse(string value, bool hasClientCertificate = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var address = ParseAddress(value, hasClientCertificate);
        if (address.Kind == ServiceAddressKind.ClinicLan && !hasClientCertificate)
        {
            throw new ServiceAddressException(ServiceAddressProblem.NeedsClientCertificate, value,
                $"--address {value}: an https address needs --client-cert, a client certificate of the clinic CA: the clinic LAN listener accepts no other client (docs/CLINIC-LAN.md)");
        }

        if (address.Kind != ServiceAddressKind.ClinicLan && hasClientCertificate)
        {
            throw new ServiceAddressException(ServiceAddressProblem.ClientCertificateNeedsHttps, value,
                $"--client-cert goes with an https address (the clinic LAN listener); {value} has no TLS to present it on");
        }

        return address;
    }

    private static ServiceAddress ParseAddress(string value, bool hasClientCertificate)
    {
        if (value.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            // unix:/path and unix:///path, as gRPC names them.
            var path = value[UnixPrefix.Length..];
            path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
            return Path.IsPathFullyQualified(path)
                ? new ServiceAddress(ServiceAddressKind.UnixSocket, path)
                : throw new ServiceAddressException(ServiceAddressProblem.UnixNeedsAbsolutePath, value,
                    $"--address {value}: a Unix socket address is unix: and an absolute path, such as unix:{LocalEndpoints.SystemSocketPath}");
        }

        if (value.StartsWith(PipePrefix, StringComparison.Ordinal))
        {
            var name = value[PipePrefix.Length..];
            return name.Length > 0 && name.IndexOfAny(['\\', '/', ':']) < 0
                ? new ServiceAddress(ServiceAddressKind.NamedPipe, name)
                : throw new ServiceAddressException(ServiceAddressProblem.PipeNeedsName, value,
                    $"--address {value}: a named pipe address is pipe: and the pipe's name, such as pipe:{LocalEndpoints.PipeName}");
        }

        // "localhost:50151" parses as a URI of scheme "localhost": no "://" means HOST:PORT.
        var hasScheme = value.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? value : "http://" + value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0
            || (!hasScheme && !HasPort(value)))
        {
            throw new ServiceAddressException(ServiceAddressProblem.UnknownForm, value,
                $"--address {value}: use unix:/path, pipe:NAME, HOST:PORT, http://127.0.0.1:PORT or https://HOST:PORT");
        }

        var https = hasScheme ? uri.Scheme == Uri.UriSchemeHttps : hasClientCertificate || !IsLoopback(uri);
        if (https)
        {
            return new ServiceAddress(ServiceAddressKind.ClinicLan, $"https://{uri.Authority}");
        }

        if (!IsLoopback(uri))
        {
            throw new ServiceAddressException(ServiceAddressProblem.PlainHttpRefused, value,
                $"--address {value}: plain HTTP to {uri.Host} would send PINs unencrypted over the network; use the local socket (the default), loopback (http://127.0.0.1:PORT) or https://{uri.Host}:PORT with --client-cert (docs/CLINIC-LAN.md)")
            { Host = uri.Host };
        }

        return new ServiceAddress(ServiceAddressKind.Http, $"http://{uri.Authority}");
    }

    // "host:50151" and "[::1]:50151" name a port; "host" and "[::1]" do not.
    private static bool HasPort(string value) => value.LastIndexOf(':') > value.LastIndexOf(']');

    /// <summary>A channel to this address; the CLI disposes it after the command. The clinic LAN needs the client's files.</summary>
    public GrpcChannel CreateChannel() => Kind switch
    {
        ServiceAddressKind.ClinicLan => throw new InvalidOperationException("The clinic LAN listener is reached with the client certificate's channel (ClientCertificateFiles.OpenChannel)."),
        ServiceAddressKind.UnixSocket => GrpcChannel.ForAddress(LocalAuthority, new GrpcChannelOptions { HttpHandler = Handler(ConnectToSocketAsync) }),
        ServiceAddressKind.NamedPipe => GrpcChannel.ForAddress(LocalAuthority, new GrpcChannelOptions { HttpHandler = Handler(ConnectToPipeAsync) }),
        _ => GrpcChannel.ForAddress(Target),
    };

    public override string ToString() => Kind switch
    {
        ServiceAddressKind.UnixSocket => UnixPrefix + Target,
        ServiceAddressKind.NamedPipe => PipePrefix + Target,
        _ => Target,
    };

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));

    private static SocketsHttpHandler Handler(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) =>
        new() { ConnectCallback = connect };

    private async ValueTask<Stream> ConnectToSocketAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(Target), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException refused) when (refused.SocketErrorCode == SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new IOException($"permission denied on {Target}: the service lets in its owner and the socket's group (OnshiDevice:Listeners:SocketGroup)", refused);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async ValueTask<Stream> ConnectToPipeAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", Target, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(cancellationToken);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync();
            throw;
        }
    }
}
