using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// Who is calling, as far as the connection tells: the one place that decides whether a call came from a local
/// or a mutually authenticated caller. The audit log names <see cref="Name"/>; it is never taken from a request.
/// </summary>
public sealed record Caller(CallerKind Kind, string Name)
{
    /// <summary>Whether the caller may send a PIN or use a card's private key.</summary>
    public bool IsLocalOrMutuallyAuthenticated => Kind != CallerKind.Unauthenticated;

    public static Caller Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var connection = http.Connection;

        // Kestrel only completes a handshake on the LAN listener with a certificate its validation accepted.
        if (connection.ClientCertificate is { } certificate)
        {
            return new Caller(CallerKind.ClinicClient, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }

        return http.Features.Get<IConnectionEndPointFeature>()?.LocalEndPoint switch
        {
            UnixDomainSocketEndPoint => new Caller(CallerKind.UnixSocket, "unix-socket"),
            NamedPipeEndPoint => new Caller(CallerKind.NamedPipe, "named-pipe"),
            IPEndPoint local when IPAddress.IsLoopback(local.Address) && connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                => new Caller(CallerKind.Loopback, "loopback"),
            _ => new Caller(CallerKind.Unauthenticated, "unauthenticated"),
        };
    }
}
