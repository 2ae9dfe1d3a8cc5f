using Grpc.Net.Client;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The device service in-process (<see cref="InProcessDeviceService"/>, on a TestServer or loopback Kestrel) over
/// simulated readers: "Card Reader" holds a standard My Number card (behind a command counter), "Empty Reader" holds
/// nothing. One host per test, so card state never leaks between tests. The service trusts the simulators' test
/// anchors and CRLs (<see cref="SimulatedTrustFolder"/>) unless the settings say otherwise.
/// <para>
/// Every host is a privacy tripwire (see <see cref="InProcessDeviceService"/>); on dispose it also fails the test
/// when the host's own card recorded a forbidden access.
/// </para>
/// </summary>
public sealed class DeviceServiceHost : IAsyncDisposable
{
    public const string CardReaderName = "Card Reader";
    public const string EmptyReaderName = "Empty Reader";

    private readonly InProcessDeviceService _service;

    private DeviceServiceHost(InProcessDeviceService service, SimulatedPcscApi api, IVirtualCard card, CountingCard countingCard)
    {
        _service = service;
        Api = api;
        VirtualCard = card;
        CountingCard = countingCard;
    }

    public SimulatedPcscApi Api { get; }

    /// <summary>What the log tripwire looks for; a test adds what else it must never see written.</summary>
    public SensitiveTextScanner Scanner => _service.Scanner;

    /// <summary>Every log entry of the host so far, at every level.</summary>
    public IReadOnlyList<string> LogEntries => _service.LogEntries;

    public IVirtualCard VirtualCard { get; }

    public VirtualMyNumberCard Card => VirtualCard as VirtualMyNumberCard ?? throw new InvalidOperationException("This host holds no My Number card.");

    public VirtualHpkiCard HpkiCard => VirtualCard as VirtualHpkiCard ?? throw new InvalidOperationException("This host holds no HPKI card.");

    public IServiceProvider Services => _service.Services;

    /// <summary>The card as the reader sees it: counts every APDU that reaches it.</summary>
    public CountingCard CountingCard { get; }

    public GrpcChannel Channel => _service.Channel;

    public SimulatedReader CardReader => Api.Readers.Single(reader => reader.Name == CardReaderName);

    public SimulatedReader EmptyReader => Api.Readers.Single(reader => reader.Name == EmptyReaderName);

    public static Task<DeviceServiceHost> StartAsync(VirtualMyNumberCard? card = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartWithCardAsync(card ?? VirtualMyNumberCards.Standard(), settings);

    public static Task<DeviceServiceHost> StartWithCardAsync(IVirtualCard card, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartCoreAsync(card, settings, new InProcessServiceOptions());

    /// <summary>
    /// A host whose calls state no connection at all (TestServer's own), as a listener that is neither local nor
    /// mutually authenticated would give: PIN-bearing calls must be refused. Every other in-process host states
    /// its calls as Unix socket calls (<see cref="StatedConnection"/>).
    /// </summary>
    public static Task<DeviceServiceHost> StartForUnauthenticatedCallerAsync(IVirtualCard card) =>
        StartCoreAsync(card, settings: null, new InProcessServiceOptions { LocalCaller = false });

    /// <summary>
    /// A host whose log tripwire looks for the catalogue cards' PINs and personal data but not for the PINs the
    /// requests carry: for tests that send random short PINs, which collide with numbers and words in framework
    /// log text (exception traces, identifiers) and so say nothing about a PIN being logged. Every other test
    /// sends fixed PINs and keeps the full check.
    /// </summary>
    public static Task<DeviceServiceHost> StartForRandomRequestsAsync(IVirtualCard card) =>
        StartCoreAsync(card, settings: null, new InProcessServiceOptions { RecordSentPins = false });

    /// <summary>
    /// The same service on Kestrel over HTTP/2 on 127.0.0.1 (a free port), for what only real HTTP/2
    /// framing shows: the header and trailer size limits that TestServer does not have.
    /// </summary>
    public static Task<DeviceServiceHost> StartOnLoopbackAsync() =>
        StartCoreAsync(VirtualMyNumberCards.Standard(), settings: null, new InProcessServiceOptions { OverLoopback = true });

    /// <summary>A new channel to the host (the CLI disposes the channels it is given).</summary>
    public GrpcChannel CreateChannel() => _service.CreateChannel();

    /// <summary>Stops the host, then fails the test if a privacy tripwire fired during it.</summary>
    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private static async Task<DeviceServiceHost> StartCoreAsync(IVirtualCard card, IReadOnlyDictionary<string, string?>? settings, InProcessServiceOptions options)
    {
        var api = new SimulatedPcscApi();
        var counting = new CountingCard(card);
        api.AddReader(CardReaderName).Insert(counting);
        api.AddReader(EmptyReaderName);

        // The simulators' trust first, so the test's settings can replace any of it.
        var merged = new Dictionary<string, string?>(SimulatedTrustFolder.Settings());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var service = await InProcessDeviceService.StartAsync(api, merged, options with
        {
            AfterStop = () =>
            {
                if (card is VirtualMyNumberCard myNumber)
                {
                    Assert.True(myNumber.PrivacyViolations.Count == 0, $"The host's card recorded: {string.Join("; ", myNumber.PrivacyViolations)}");
                }
            },
        });
        return new DeviceServiceHost(service, api, card, counting);
    }
}
