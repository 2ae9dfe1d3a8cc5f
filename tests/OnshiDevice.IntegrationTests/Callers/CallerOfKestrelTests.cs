using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service.Callers;

namespace OnshiDevice.IntegrationTests.Callers;

/// <summary>
/// What Kestrel really exposes for each local transport, and what <see cref="Caller.Of"/> makes of it, on listeners
/// bound by the service's own <see cref="ListenerPlan"/>: an HTTP/2 request shows only IHttpConnectionFeature, with no
/// addresses over a Unix socket (so only the listener's mark makes it local) and loopback at both ends over loopback
/// TCP. Named pipes exist only on Windows, where Kestrel exposes them like the socket; this machine cannot run that.
/// </summary>
public sealed class CallerOfKestrelTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-caller-{Guid.NewGuid():N}");
    private WebApplication _app = null!;
    private Uri _loopback = null!;

    private string SocketPath => Path.Combine(_folder, "caller.sock");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ListenerPlan.SocketKey] = SocketPath,
            [ListenerPlan.LoopbackKey] = "http://127.0.0.1:0",
        }).Build();
        builder.UseListeners(ListenerPlan.From(settings, simulate: true, ListenerEnvironment.Current));
        builder.Services.AddSingleton<ConnectionCallers>();
        _app = builder.Build();
        _app.MapGet("/caller", (HttpContext http) =>
            $"{Caller.Of(http).Kind} local={http.Connection.LocalIpAddress} remote={http.Connection.RemoteIpAddress} endpoint-feature={http.Features.Get<IConnectionEndPointFeature>() is not null}");
        await _app.StartAsync();
        _loopback = new Uri(_app.Urls.Single(url => url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_unix_socket_connection_is_a_unix_socket_caller()
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };

        Assert.Equal("UnixSocket local= remote= endpoint-feature=False", await GetCallerAsync(handler, new Uri("http://localhost/caller")));
    }

    [Fact]
    public async Task A_loopback_connection_is_a_loopback_caller()
    {
        using var handler = new SocketsHttpHandler();

        Assert.Equal("Loopback local=127.0.0.1 remote=127.0.0.1 endpoint-feature=False", await GetCallerAsync(handler, new Uri(_loopback, "/caller")));
    }

    private static async Task<string> GetCallerAsync(HttpMessageHandler handler, Uri uri)
    {
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
