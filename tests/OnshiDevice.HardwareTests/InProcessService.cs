using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;
using OnshiDevice.PcSc;
using OnshiDevice.Service;
using OnshiDevice.Simulators;
using OnshiDevice.TestSupport;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The gRPC service composed exactly as the host composes it, over the real pcscd, served in-process. Its whole
/// log is captured at Trace level; disposing it fails the test when a line holds a PIN (the catalogue cards' or
/// one a request carried), a password or personal data, or when a My Number card saw a forbidden access.
/// </summary>
public sealed class InProcessService : IAsyncDisposable
{
    /// <summary>The setting that lets Cards.ReadCertificate read the JPKI signing certificate (off by default).</summary>
    public static readonly IReadOnlyDictionary<string, string?> AllowJpkiSigningCertificateRead =
        new Dictionary<string, string?> { ["OnshiDevice:AllowJpkiSigningCertificateRead"] = "true" };

    private readonly WebApplication _app;
    private readonly CapturedLog _log;
    private readonly SensitiveTextScanner _scanner;
    private bool _disposed;

    private InProcessService(WebApplication app, CapturedLog log, SensitiveTextScanner scanner, GrpcChannel channel)
    {
        _app = app;
        _log = log;
        _scanner = scanner;
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
        var log = new CapturedLog();
        var scanner = SensitiveTextScanner.ForCatalogueCards();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // Only the capture: the console stays quiet, the tripwire sees every level of every category.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(log);
        builder.Logging.AddFilter<CapturedLog>(null, LogLevel.Trace);
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RequestSecretsInterceptor>(scanner));
        var app = builder.Build();
        StatedConnection.MarkAsUnixSocket(app.Services);
        app.MapOnshiDevice();
        await app.StartAsync();
        var server = app.GetTestServer();
        // TestServer has no endpoints: the host states its calls as local Unix socket calls.
        var channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler(StatedConnection.AsUnixSocket) });
        return new InProcessService(app, log, scanner, channel);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        PrivacyTripwires.AssertNoCardViolations();
        PrivacyTripwires.AssertNoSensitiveText(_log.Entries, _scanner, "The in-process device service's log");
        ServiceDefects.AssertNone(_log.Entries, "The in-process device service's log");
    }
}
