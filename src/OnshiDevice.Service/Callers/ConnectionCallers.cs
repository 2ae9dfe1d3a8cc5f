using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// Which local listener each open socket or pipe connection came through, by connection id. Kestrel gives a request
/// no view of its connection's endpoints (an HTTP/2 request exposes only <c>IHttpConnectionFeature</c>, whose
/// addresses are null for a Unix socket or a pipe, as they are on a TestServer), so the socket and pipe listeners mark
/// their connections here and <see cref="Caller.Of"/> reads the mark: positive evidence, never the absence of an address.
/// </summary>
public sealed class ConnectionCallers
{
    private readonly ConcurrentDictionary<string, CallerKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>A Kestrel connection middleware for a listener whose every connection is of <paramref name="kind"/>.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> Mark(CallerKind kind) => next => async connection =>
    {
        _kinds[connection.ConnectionId] = kind;
        try
        {
            await next(connection);
        }
        finally
        {
            _kinds.TryRemove(connection.ConnectionId, out _);
        }
    };

    /// <summary>Marks a connection id (an in-process test host states its connections this way).</summary>
    public void Register(string connectionId, CallerKind kind) => _kinds[connectionId] = kind;

    /// <summary>The kind a listener marked the connection with, or null for a connection no listener marked.</summary>
    public CallerKind? KindOf(string? connectionId) =>
        connectionId is not null && _kinds.TryGetValue(connectionId, out var kind) ? kind : null;
}
