using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.PcSc;
using OnshiDevice.Service;
using OnshiDevice.Simulators;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;

namespace OnshiDevice.TestSupport;

/// <summary>
/// The device service in-process, composed exactly as the host composes it, over whatever PC/SC binding a tier gives it
/// (the simulator, the real pcscd). Every host is a privacy tripwire: its whole log pipeline is captured at Trace level,
/// and disposing it fails the test when a log line holds a PIN (the catalogue cards' and, unless switched off, every one a
/// request carried), a password or personal data, when a virtual My Number card recorded a forbidden access, or when an
/// exception got past the error mapping (<see cref="ServiceDefects"/>).
/// </summary>
public sealed class InProcessDeviceService : IAsyncDisposable
{
    /// <summary>The setting that lets Cards.ReadCertificate read the JPKI signing certificate (off by default).</summary>
    public static readonly IReadOnlyDictionary<string, string?> AllowJpkiSigningCertificateRead =
        new Dictionary<string, string?> { ["OnshiDevice:AllowJpkiSigningCertificateRead"] = "true" };

    private readonly WebApplication _app;
    private readonly CapturedLog _log;
    private readonly InProcessServiceOptions _options;
    private readonly Uri? _loopbackAddress;
    private bool _disposed;

    private InProcessDeviceService(WebApplication app, CapturedLog log, SensitiveTextScanner scanner, InProcessServiceOptions options, Uri? loopbackAddress)
    {
        _app = app;
        _log = log;
        _options = options;
        _loopbackAddress = loopbackAddress;
        Scanner = scanner;
        Channel = CreateChannel();
        Readers = new ReadersClient(Channel);
        Cards = new CardsClient(Channel);
        Certificates = new CertificatesClient(Channel);
    }

    /// <summary>What the log tripwire looks for; a test adds what else it must never see written.</summary>
    public SensitiveTextScanner Scanner { get; }

    /// <summary>Every log entry of the host so far, at every level.</summary>
    public IReadOnlyList<string> LogEntries => _log.Entries;

    public IServiceProvider Services => _app.Services;

    public GrpcChannel Channel { get; }

    public ReadersClient Readers { get; }

    public CardsClient Cards { get; }

    public CertificatesClient Certificates { get; }

    /// <param name="api">The PC/SC binding the service owns the readers through.</param>
    /// <param name="settings">Configuration on top of the defaults, as appsettings.json would give it (e.g. the "Pki" trust folders).</param>
    /// <param name="options">How this host differs from the usual one.</param>
    public static async Task<InProcessDeviceService> StartAsync(IPcscApi api, IReadOnlyDictionary<string, string?>? settings = null, InProcessServiceOptions? options = null)
    {
        options ??= new InProcessServiceOptions();
        var log = new CapturedLog();
        var scanner = SensitiveTextScanner.ForCatalogueCards();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (options.OverLoopback)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        // Only the capture: the console stays quiet. A rule for this provider beats every category rule of
        // appsettings.json: the tripwire sees every level of every category.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(log);
        builder.Logging.AddFilter<CapturedLog>(null, LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        options.AddServices?.Invoke(builder.Services);
        if (options.RecordSentPins)
        {
            builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RequestSecretsInterceptor>(scanner));
        }

        var app = builder.Build();
        if (options.LocalCaller)
        {
            StatedConnection.MarkAsUnixSocket(app.Services);
        }

        app.MapOnshiDevice();
        options.MapServices?.Invoke(app);
        await app.StartAsync();
        var loopbackAddress = options.OverLoopback ? new Uri(app.Urls.Single()) : null;
        return new InProcessDeviceService(app, log, scanner, options, loopbackAddress);
    }

    /// <summary>A new channel to the host (the CLI disposes the channels it is given).</summary>
    public GrpcChannel CreateChannel()
    {
        if (_loopbackAddress is not null)
        {
            return GrpcChannel.ForAddress(_loopbackAddress);
        }

        // TestServer has no endpoints: unless told otherwise, the host states its calls as local Unix socket calls.
        var server = _app.GetTestServer();
        var handler = _options.LocalCaller ? server.CreateHandler(StatedConnection.AsUnixSocket) : server.CreateHandler();
        return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>Stops the host as a service stop does (ApplicationStopping first); <see cref="DisposeAsync"/> still runs the checks.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Stops the host, then fails the test if a privacy tripwire fired or a defect was logged during it.</summary>
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
        _options.AfterStop?.Invoke();
        PrivacyTripwires.AssertNoCardViolations();
        PrivacyTripwires.AssertNoSensitiveText(_log.Entries, Scanner, _options.LogName);
        ServiceDefects.AssertNone(_log.Entries, _options.LogName);
    }
}
