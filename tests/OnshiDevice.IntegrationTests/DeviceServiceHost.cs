using Grpc.AspNetCore.Server;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.Service;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The device service in-process on a TestServer, composed exactly as the host composes it, over
/// simulated readers: "Card Reader" holds a standard My Number card (behind a command counter),
/// "Empty Reader" holds nothing. One host per test, so card state never leaks between tests. The
/// service trusts the simulators' test anchors and CRLs (<see cref="SimulatedTrustFolder"/>) unless
/// the settings say otherwise.
/// <para>
/// Every host is a privacy tripwire: its whole log pipeline is captured at Trace level, and on dispose the test
/// fails when a log line holds a PIN (the catalogue cards' and every one a request carried), a password or the
/// JPKI holder's personal data, or when any virtual My Number card recorded a forbidden access.
/// </para>
/// </summary>
public sealed class DeviceServiceHost : IAsyncDisposable
{
    public const string CardReaderName = "Card Reader";
    public const string EmptyReaderName = "Empty Reader";

    /// <summary>The setting that lets Cards.ReadCertificate read the JPKI signing certificate (off by default).</summary>
    public static readonly IReadOnlyDictionary<string, string?> AllowJpkiSigningCertificateRead =
        new Dictionary<string, string?> { ["OnshiDevice:AllowJpkiSigningCertificateRead"] = "true" };

    private readonly WebApplication _app;
    private readonly CapturedLog _log;
    private readonly Uri? _loopbackAddress;
    private readonly bool _localCaller;
    private bool _disposed;

    private DeviceServiceHost(
        WebApplication app, CapturedLog log, SensitiveTextScanner scanner, SimulatedPcscApi api, IVirtualCard card, CountingCard countingCard, Uri? loopbackAddress, bool localCaller)
    {
        _app = app;
        _log = log;
        _loopbackAddress = loopbackAddress;
        _localCaller = localCaller;
        Scanner = scanner;
        Api = api;
        VirtualCard = card;
        CountingCard = countingCard;
        Channel = CreateChannel();
    }

    public SimulatedPcscApi Api { get; }

    /// <summary>What the log tripwire looks for; a test adds what else it must never see written.</summary>
    public SensitiveTextScanner Scanner { get; }

    /// <summary>Every log entry of the host so far, at every level.</summary>
    public IReadOnlyList<string> LogEntries => _log.Entries;

    public IVirtualCard VirtualCard { get; }

    public VirtualMyNumberCard Card => VirtualCard as VirtualMyNumberCard ?? throw new InvalidOperationException("This host holds no My Number card.");

    public VirtualHpkiCard HpkiCard => VirtualCard as VirtualHpkiCard ?? throw new InvalidOperationException("This host holds no HPKI card.");

    public IServiceProvider Services => _app.Services;

    /// <summary>The card as the reader sees it: counts every APDU that reaches it.</summary>
    public CountingCard CountingCard { get; }

    public GrpcChannel Channel { get; }

    public SimulatedReader CardReader => Api.Readers.Single(reader => reader.Name == CardReaderName);

    public SimulatedReader EmptyReader => Api.Readers.Single(reader => reader.Name == EmptyReaderName);

    public static Task<DeviceServiceHost> StartAsync(VirtualMyNumberCard? card = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartWithCardAsync(card ?? VirtualMyNumberCards.Standard(), settings);

    public static Task<DeviceServiceHost> StartWithCardAsync(IVirtualCard card, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartCoreAsync(card, settings, overLoopback: false, recordSentPins: true);

    /// <summary>
    /// A host whose calls state no connection at all (TestServer's own), as a listener that is neither local nor
    /// mutually authenticated would give: PIN-bearing calls must be refused. Every other in-process host states
    /// its calls as Unix socket calls (<see cref="StatedConnection"/>).
    /// </summary>
    public static Task<DeviceServiceHost> StartForUnauthenticatedCallerAsync(IVirtualCard card) =>
        StartCoreAsync(card, settings: null, overLoopback: false, recordSentPins: true, localCaller: false);

    /// <summary>
    /// A host whose log tripwire looks for the catalogue cards' PINs and personal data but not for the PINs the
    /// requests carry: for tests that send random short PINs, which collide with numbers and words in framework
    /// log text (exception traces, identifiers) and so say nothing about a PIN being logged. Every other test
    /// sends fixed PINs and keeps the full check.
    /// </summary>
    public static Task<DeviceServiceHost> StartForRandomRequestsAsync(IVirtualCard card) =>
        StartCoreAsync(card, settings: null, overLoopback: false, recordSentPins: false);

    /// <summary>
    /// The same service on Kestrel over HTTP/2 on 127.0.0.1 (a free port), for what only real HTTP/2
    /// framing shows: the header and trailer size limits that TestServer does not have.
    /// </summary>
    public static Task<DeviceServiceHost> StartOnLoopbackAsync() =>
        StartCoreAsync(VirtualMyNumberCards.Standard(), settings: null, overLoopback: true, recordSentPins: true);

    private static async Task<DeviceServiceHost> StartCoreAsync(
        IVirtualCard card, IReadOnlyDictionary<string, string?>? settings, bool overLoopback, bool recordSentPins, bool localCaller = true)
    {
        var log = new CapturedLog();
        var scanner = SensitiveTextScanner.ForCatalogueCards();
        var api = new SimulatedPcscApi();
        var counting = new CountingCard(card);
        api.AddReader(CardReaderName).Insert(counting);
        api.AddReader(EmptyReaderName);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        if (overLoopback)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, endpoint => endpoint.Protocols = HttpProtocols.Http2));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(log);

        // A rule for this provider beats every category rule of appsettings.json: the tripwire sees everything.
        builder.Logging.AddFilter<CapturedLog>(null, LogLevel.Trace);
        builder.Configuration.AddInMemoryCollection(SimulatedTrustFolder.Settings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        if (recordSentPins)
        {
            builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<RequestSecretsInterceptor>(scanner));
        }

        var app = builder.Build();
        if (localCaller)
        {
            StatedConnection.MarkAsUnixSocket(app.Services);
        }

        app.MapOnshiDevice();
        await app.StartAsync();
        var loopbackAddress = overLoopback ? new Uri(app.Urls.Single()) : null;
        return new DeviceServiceHost(app, log, scanner, api, card, counting, loopbackAddress, localCaller);
    }

    /// <summary>A new channel over the test server (the CLI disposes the channels it is given).</summary>
    public GrpcChannel CreateChannel()
    {
        if (_loopbackAddress is not null)
        {
            return GrpcChannel.ForAddress(_loopbackAddress);
        }

        var server = _app.GetTestServer();
        var handler = _localCaller ? server.CreateHandler(StatedConnection.AsUnixSocket) : server.CreateHandler();
        return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
    }

    /// <summary>Stops the host, then fails the test if a privacy tripwire fired during it.</summary>
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
        if (VirtualCard is VirtualMyNumberCard myNumber)
        {
            Assert.True(myNumber.PrivacyViolations.Count == 0, $"The host's card recorded: {string.Join("; ", myNumber.PrivacyViolations)}");
        }

        PrivacyTripwires.AssertNoCardViolations();
        PrivacyTripwires.AssertNoSensitiveText(_log.Entries, Scanner, "The device service's log");
        ServiceDefects.AssertNone(_log.Entries, "The device service's log");
    }
}
