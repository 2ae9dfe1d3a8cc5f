using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;
using OnshiDevice.PcSc;
using OnshiDevice.Service;

namespace OnshiDevice.HardwareTests;

/// <summary>The gRPC service composed exactly as the host composes it, over the real pcscd, served in-process.</summary>
public sealed class InProcessService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessService(WebApplication app, GrpcChannel channel)
    {
        _app = app;
        Channel = channel;
        Readers = new ReadersClient(channel);
        Cards = new CardsClient(channel);
        Certificates = new CertificatesClient(channel);
    }

    public GrpcChannel Channel { get; }

    public ReadersClient Readers { get; }

    public CardsClient Cards { get; }

    public CertificatesClient Certificates { get; }

    /// <param name="api">The PC/SC binding the service owns the readers through.</param>
    /// <param name="settings">Configuration on top of the defaults, as appsettings.json would give it (e.g. the "Pki" trust folders).</param>
    public static async Task<InProcessService> StartAsync(IPcscApi api, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        var app = builder.Build();
        app.MapOnshiDevice();
        await app.StartAsync();
        var server = app.GetTestServer();
        var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        return new InProcessService(app, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
