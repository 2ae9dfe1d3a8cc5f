using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>
/// <see cref="FakeCheckInService"/> alone on a TestServer: the CheckIn service is not part of the device service yet,
/// so the CLI's tests get their channel here, the way <see cref="InProcessCli"/> gets one from the device service.
/// </summary>
internal sealed class FakeCheckInHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeCheckInHost(WebApplication app, FakeCheckInService service)
    {
        _app = app;
        Service = service;
    }

    public FakeCheckInService Service { get; }

    public static async Task<FakeCheckInHost> StartAsync()
    {
        var service = new FakeCheckInService();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        // The one instance the test scripts, for every call.
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<FakeCheckInService>();
        await app.StartAsync();
        return new FakeCheckInHost(app, service);
    }

    /// <summary>A new channel to the fake (the CLI disposes the channels it is given).</summary>
    public GrpcChannel CreateChannel()
    {
        var server = _app.GetTestServer();
        return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
