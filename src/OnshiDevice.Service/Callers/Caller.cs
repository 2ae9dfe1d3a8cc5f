using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// Who is calling, as far as the connection tells: the one place that decides whether a call came from a local
/// or a mutually authenticated caller. The audit log names <see cref="Name"/>; it is never taken from a request.
/// </summary>
public sealed record Caller(CallerKind Kind, string Name)
{
    private static readonly Caller Unauthenticated = new(CallerKind.Unauthenticated, "unauthenticated");

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

        // Loopback at both ends: a process on this machine.
        if (IsLoopback(connection.LocalIpAddress) && IsLoopback(connection.RemoteIpAddress))
        {
            return new Caller(CallerKind.Loopback, "loopback");
        }

        // A socket or pipe connection has no addresses to show, as a TestServer request has none: only the mark of the
        // listener that accepted it (ConnectionCallers) says it is local.
        var marked = connection.RemoteIpAddress is null ? http.RequestServices?.GetService<ConnectionCallers>()?.KindOf(connection.Id) : null;
        return marked switch
        {
            CallerKind.UnixSocket => new Caller(CallerKind.UnixSocket, "unix-socket"),
            CallerKind.NamedPipe => new Caller(CallerKind.NamedPipe, "named-pipe"),
            _ => Unauthenticated,
        };
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);
}
