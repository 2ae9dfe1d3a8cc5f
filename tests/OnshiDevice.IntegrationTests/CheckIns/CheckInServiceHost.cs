using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.Service.CheckIns;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.TestSupport;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>
/// The device service in-process with one face reader configured ("desk-1"), as reception software meets it: the
/// simulated reader on the in-process cable where the serial port would be, its card slot the simulated PC/SC reader
/// "Face Slot" (so check-ins run through the service's own card path and reader locks), the card-face issuer key
/// configured, and a scenario player for the patient's part.
/// </summary>
internal sealed class CheckInServiceHost : ICheckInRig
{
    string ICheckInRig.FaceReader => FaceReader;

    TimeSpan ICheckInRig.Patience => Patience;

    public const string FaceReader = "desk-1";
    public const string SlotReader = "Face Slot";

    /// <summary>How long a stream, or a wait on one, may take: a hang is a failure, not a stuck run.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly InProcessDeviceService _service;
    private readonly string _keyFolder;

    private CheckInServiceHost(InProcessDeviceService service, VirtualFaceReader reader, InProcessFaceReaderCable cable, VirtualMyNumberCard card, SimulatedPcscApi api, string keyFolder)
    {
        _service = service;
        _keyFolder = keyFolder;
        Reader = reader;
        Cable = cable;
        Card = card;
        Api = api;
        Client = new Contract.CheckIn.CheckInClient(service.Channel);
        Player = new ScenarioPlayer(reader, cable, Log);
    }

    public VirtualFaceReader Reader { get; }

    public InProcessFaceReaderCable Cable { get; }

    public VirtualMyNumberCard Card { get; }

    public SimulatedPcscApi Api { get; }

    public Contract.CheckIn.CheckInClient Client { get; }

    public ScenarioPlayer Player { get; }

    public StringWriter Log { get; } = new();

    public InProcessDeviceService Service => _service;

    /// <summary>The simulated reader's side of the same timings as the service's in these tests.</summary>
    private static readonly FaceReaderLinkOptions TolerantLink = new()
    {
        SilentIntervalsToLoss = 10,
        AckTimeout = TimeSpan.FromSeconds(2),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Every wait of these tests ends; a hang is a failure, not a stuck run.</summary>
    public static CancellationToken Deadline => new CancellationTokenSource(Patience).Token;

    public static async Task<CheckInServiceHost> StartAsync(
        VirtualMyNumberCard? card = null, VirtualFaceReaderOptions? readerOptions = null, IReadOnlyDictionary<string, string?>? settings = null, InProcessServiceOptions? options = null)
    {
        card ??= VirtualMyNumberCards.Standard();
        var api = new SimulatedPcscApi();
        var slot = api.AddReader(SlotReader);
        api.AddReader("Desk Reader");
        var reader = new VirtualFaceReader(readerOptions, TolerantLink) { CardSlot = new SimulatedReaderCardSlot(slot, card) };
        var cable = new InProcessFaceReaderCable(reader);
        var keyFolder = Directory.CreateTempSubdirectory("onshi-checkin-key-").FullName;
        var keyFile = Path.Combine(keyFolder, "card-face-issuer.der");
        await File.WriteAllBytesAsync(keyFile, VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo);

        var merged = new Dictionary<string, string?>(SimulatedTrustFolder.Settings())
        {
            [$"OnshiDevice:FaceReaders:{FaceReader}:SerialPort"] = cable.Name,
            [$"OnshiDevice:FaceReaders:{FaceReader}:CardSlotReader"] = SlotReader,
            ["OnshiDevice:CheckIn:ResultScreenTime"] = "00:00:00",

            // A loaded test machine (two cores, many hosts) may hold a heartbeat up for seconds; a pulled cable ends the stream at once.
            ["OnshiDevice:FaceReaderLink:SilentIntervalsToLoss"] = "10",
            ["OnshiDevice:FaceReaderLink:AckTimeout"] = "00:00:02",
            ["OnshiDevice:FaceReaderLink:ReconnectDelay"] = "00:00:00.050",
            ["OnshiDevice:FaceReaderLink:MaxReconnectDelay"] = "00:00:00.500",
            ["OnshiDevice:CheckIn:ConsentTopics:0"] = "Medication",
            ["OnshiDevice:CheckIn:ConsentTopics:1"] = "HighCostLimit",
            ["OnshiDevice:CheckIn:CardFaceIssuerKey"] = keyFile,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        options ??= new InProcessServiceOptions();
        var service = await InProcessDeviceService.StartAsync(api, merged, options with
        {
            AddServices = services =>
            {
                services.AddSingleton<IFaceReaderPorts>(new CablePorts(cable));
                options.AddServices?.Invoke(services);
            },
            AfterStop = () => Assert.True(card.PrivacyViolations.Count == 0, $"The card recorded: {string.Join("; ", card.PrivacyViolations)}"),
        });
        var host = new CheckInServiceHost(service, reader, cable, card, api, keyFolder);
        await reader.WaitConnectedAsync(Deadline);
        return host;
    }

    /// <summary>A desk attending <see cref="FaceReader"/>; its first event (the reader's state) already read.</summary>
    public Task<CheckInDesk> AttendAsync() => CheckInDesk.AttendAsync(Client, FaceReader, Patience);

    /// <summary>A read-only watcher of <see cref="FaceReader"/>; its first event (the reader's state) already read.</summary>
    public Task<AsyncServerStreamingCall<Contract.WatchCheckInsResponse>> WatchAsync() => CheckInStreams.WatchAsync(Client, FaceReader, Patience);

    /// <summary>Plays the patient's (and the cable's) part; a failure names the scenario's log.</summary>
    public async Task PlayAsync(string scenario)
    {
        try
        {
            await Player.PlayAsync(ScenarioParser.Parse(scenario), Deadline);
        }
        catch (Exception e) when (e is OperationCanceledException or ScenarioException)
        {
            throw new InvalidOperationException($"{e.Message}\nscenario log:\n{Log}\nservice warnings:\n{Warnings()}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await Reader.DisposeAsync();
        Directory.Delete(_keyFolder, recursive: true);
    }

    private string Warnings() => string.Join("\n", _service.LogEntries.Where(IsWarningOrWorse));

    private static bool IsWarningOrWorse(string entry) => entry.Contains("Warning", StringComparison.Ordinal) || entry.Contains("Error", StringComparison.Ordinal) || entry.Contains("fail", StringComparison.OrdinalIgnoreCase);

    private sealed class CablePorts(InProcessFaceReaderCable cable) : IFaceReaderPorts
    {
        public IFaceReaderPort For(string faceReader, FaceReaderSettings settings) => cable;
    }
}
