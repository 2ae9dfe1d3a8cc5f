using OnshiDevice.Contracts;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using OnshiDevice.Cli.Connection;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli;

/// <summary>
/// The cause of a call that never reached the service, named from what the transport raised and what the
/// CLI's TLS check saw: no socket file, permission denied on it, nothing listening, an unknown host, the
/// service's certificate refused (name, trust, validity) or the client certificate refused by the service.
/// </summary>
internal static class ConnectionFailureText
{
    public static string Of(Exception failure, ConnectionAttempt? attempt)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var chain = Chain(failure).ToList();
        var socket = chain.OfType<SocketException>().FirstOrDefault();
        var address = attempt?.Address;
        if (address?.Kind == ServiceAddressKind.UnixSocket && socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.AccessDenied => Text.Format(Errors.SocketPermissionDenied, address.Target),
                _ when !File.Exists(address.Target) => Text.Format(Errors.SocketMissing, address.Target),
                SocketError.ConnectionRefused => Text.Format(Errors.SocketRefused, address.Target),
                _ => Text.Format(Errors.Unreachable, socket.Message),
            };
        }

        if (socket is not null)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => Text.Format(Errors.ConnectionRefused, address?.ToString() ?? "?"),
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => Text.Format(Errors.HostUnknown, address?.ToString() ?? "?"),
                SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable => Text.Format(Errors.HostUnreachable, address?.ToString() ?? "?"),
                _ => Text.Format(Errors.Unreachable, socket.Message),
            };
        }

        if (address?.Kind == ServiceAddressKind.ClinicLan && attempt is not null && (chain.OfType<AuthenticationException>().Any() || chain.OfType<IOException>().Any()))
        {
            return Tls(attempt);
        }

        return Text.Format(Errors.Unreachable, chain[^1].Message.ReplaceLineEndings(" "));
    }

    private static string Tls(ConnectionAttempt attempt) => attempt.ServerCertificateProblem switch
    {
        ServerCertificateProblem.NameMismatch => Text.Format(Errors.TlsNameMismatch, new Uri(attempt.Address.Target).Host),
        ServerCertificateProblem.Expired => Errors.TlsServerExpired,
        ServerCertificateProblem.NotTrusted => Errors.TlsNotTrusted,
        ServerCertificateProblem.None => Errors.TlsNoServerCertificate,
        // The CLI accepted the service's certificate, so the service refused the CLI's.
        _ when attempt.ClientCertificateExpiry is { } expiry && expiry <= DateTimeOffset.UtcNow =>
            Text.Format(Errors.TlsClientExpired, expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => Errors.TlsClientRefused,
    };

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (Exception? current = failure; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is Grpc.Core.RpcException { Status.DebugException: { } debug })
            {
                foreach (var inner in Chain(debug))
                {
                    yield return inner;
                }
            }
        }
    }
}
