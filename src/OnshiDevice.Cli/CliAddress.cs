using System.IO.Pipes;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;

namespace OnshiDevice.Cli;

/// <summary>
/// Where <c>onshi</c> reaches the service, and the one place that decides which addresses it will send a PIN to:
/// the local Unix socket (<c>unix:/path</c>, the default on Linux and macOS), the named pipe (<c>pipe:NAME</c>, the
/// default on Windows), h2c on loopback for development (<c>http://127.0.0.1:50151</c>), or the clinic LAN listener
/// (<c>https://HOST:PORT</c>, only with <c>--client-cert</c>). Plain HTTP to any other host is refused: a PIN would
/// cross the network unencrypted.
/// </summary>
internal sealed record CliAddress(CliAddressKind Kind, string Target)
{
    private const string UnixPrefix = "unix:";
    private const string PipePrefix = "pipe:";

    // The authority gRPC puts in :authority over a socket or pipe; nothing resolves it.
    private static readonly Uri LocalAuthority = new("http://localhost");

    /// <summary>The default: the named pipe on Windows; elsewhere the developer's socket if it exists, else the installed service's.</summary>
    public static CliAddress Default(Func<string, string?> environment, Func<string, bool> exists) =>
        OperatingSystem.IsWindows()
            ? new CliAddress(CliAddressKind.NamedPipe, LocalEndpoints.PipeName)
            : new CliAddress(CliAddressKind.UnixSocket, LocalEndpoints.DefaultClientSocketPath(environment, exists));

    /// <summary>
    /// The address of <c>--address</c> or <c>$ONSHI_ADDRESS</c>, given whether <c>--client-cert</c> was too;
    /// a usage <see cref="CliException"/> for one it will not use. <c>HOST:PORT</c> without a scheme is h2c on
    /// loopback and https (the clinic LAN) anywhere else, or wherever a client certificate is given.
    /// </summary>
    public static CliAddress Parse(string value, bool hasClientCertificate = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var address = ParseAddress(value, hasClientCertificate);
        if (address.Kind == CliAddressKind.ClinicLan && !hasClientCertificate)
        {
            throw CliException.Usage(Text.Format(Errors.AddressNeedsClientCertificate, value));
        }

        if (address.Kind != CliAddressKind.ClinicLan && hasClientCertificate)
        {
            throw CliException.Usage(Text.Format(Errors.ClientCertificateNeedsHttps, value));
        }

        return address;
    }

    private static CliAddress ParseAddress(string value, bool hasClientCertificate)
    {
        if (value.StartsWith(UnixPrefix, StringComparison.Ordinal))
        {
            // unix:/path and unix:///path, as gRPC names them.
            var path = value[UnixPrefix.Length..];
            path = path.StartsWith("//", StringComparison.Ordinal) ? path[2..] : path;
            return Path.IsPathFullyQualified(path)
                ? new CliAddress(CliAddressKind.UnixSocket, path)
                : throw CliException.Usage(Text.Format(Errors.AddressUnixNeedsAbsolutePath, value, LocalEndpoints.SystemSocketPath));
        }

        if (value.StartsWith(PipePrefix, StringComparison.Ordinal))
        {
            var name = value[PipePrefix.Length..];
            return name.Length > 0 && name.IndexOfAny(['\\', '/', ':']) < 0
                ? new CliAddress(CliAddressKind.NamedPipe, name)
                : throw CliException.Usage(Text.Format(Errors.AddressPipeNeedsName, value, LocalEndpoints.PipeName));
        }

        // "localhost:50151" parses as a URI of scheme "localhost": no "://" means HOST:PORT.
        var hasScheme = value.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? value : "http://" + value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0
            || (!hasScheme && !HasPort(value)))
        {
            throw CliException.Usage(Text.Format(Errors.AddressUnknownForm, value));
        }

        var https = hasScheme ? uri.Scheme == Uri.UriSchemeHttps : hasClientCertificate || !IsLoopback(uri);
        if (https)
        {
            return new CliAddress(CliAddressKind.ClinicLan, $"https://{uri.Authority}");
        }

        if (!IsLoopback(uri))
        {
            throw CliException.Usage(Text.Format(Errors.AddressPlainHttpRefused, value, uri.Host));
        }

        return new CliAddress(CliAddressKind.Http, $"http://{uri.Authority}");
    }

    // "host:50151" and "[::1]:50151" name a port; "host" and "[::1]" do not.
    private static bool HasPort(string value) => value.LastIndexOf(':') > value.LastIndexOf(']');

    /// <summary>A channel to this address; the CLI disposes it after the command. The clinic LAN needs the client's files.</summary>
    public GrpcChannel CreateChannel() => Kind switch
    {
        CliAddressKind.ClinicLan => throw new InvalidOperationException("The clinic LAN listener is reached with the client certificate's channel (ClientCertificateFiles.OpenChannel)."),
        CliAddressKind.UnixSocket => GrpcChannel.ForAddress(LocalAuthority, new GrpcChannelOptions { HttpHandler = Handler(ConnectToSocketAsync) }),
        CliAddressKind.NamedPipe => GrpcChannel.ForAddress(LocalAuthority, new GrpcChannelOptions { HttpHandler = Handler(ConnectToPipeAsync) }),
        _ => GrpcChannel.ForAddress(Target),
    };

    public override string ToString() => Kind switch
    {
        CliAddressKind.UnixSocket => UnixPrefix + Target,
        CliAddressKind.NamedPipe => PipePrefix + Target,
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
