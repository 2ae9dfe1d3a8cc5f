using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OnshiDevice.Service.Callers;

namespace OnshiDevice.TestSupport;

/// <summary>
/// What an in-process test host says about the connection of its requests. TestServer has no endpoints, so the
/// service's <c>Caller.Of</c> rightly sees an unauthenticated caller; a host that plays a local caller states its
/// requests as one Unix socket connection, marked in <see cref="ConnectionCallers"/> as the socket listener marks
/// every connection it accepts.
/// </summary>
public static class StatedConnection
{
    /// <summary>The connection id every request of a stating host carries.</summary>
    public const string UnixSocketConnectionId = "test-host-unix-socket";

    /// <summary>Marks the stated connection in the host's services (once, after the host is built).</summary>
    public static void MarkAsUnixSocket(IServiceProvider services) =>
        services.GetRequiredService<ConnectionCallers>().Register(UnixSocketConnectionId, CallerKind.UnixSocket);

    /// <summary>A TestServer handler configuration: the request comes over the stated Unix socket connection.</summary>
    public static void AsUnixSocket(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Connection.Id = UnixSocketConnectionId;
    }
}
