using OnshiDevice.TestSupport;
using OnshiDevice.Contracts.V1;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>
/// The device service in-process over the real pcscd, with one face reader configured ("desk-1") as clinic IT would
/// configure it: its SerialPort the host end of a socat pty pair (opened by the service's own System.IO.Ports port), its
/// CardSlotReader vpcd slot 1. The simulated reader serves the pty's other end, its card slot that vpcd slot; a scenario
/// player plays the patient's (and the cable's) part.
/// </summary>
internal sealed class CheckInServiceThroughPcscdHost : ICheckInRig
{
    string ICheckInRig.FaceReader => FaceReader;

    TimeSpan ICheckInRig.Patience => Patience;

    public const string FaceReader = "desk-1";

    /// <summary>
    /// How long a stream, or a wait on one, may take. The link runs at the service's default timings (one reconnect
    /// after a pulled cable can take seconds) and pcscd notices cards at its status poll: more than in-process, still bounded.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly CancellationTokenSource _stopServing = new();
    private readonly string _keyFolder = Directory.CreateTempSubdirectory("onshi-hw-checkin-key-").FullName;
    private readonly SocatCable _cable;
    private readonly VpcdCardSlot _slot;
    private readonly Task _serving;
    private InProcessDeviceService? _service;
    private CheckIn.CheckInClient? _client;

    private CheckInServiceThroughPcscdHost(VirtualMyNumberCard card, SocatCable cable)
    {
        Card = card;
        _cable = cable;
        _slot = new VpcdCardSlot(card, PcscdFixture.Slot1Port);

        // The link's timings are the service's defaults on both ends: the service offers no setting for them.
        Reader = new VirtualFaceReader { CardSlot = _slot };
        Player = new ScenarioPlayer(Reader, cable, Log);
        _serving = Reader.ServeAsync(new SerialFaceReaderPort(cable.ReaderEnd), _stopServing.Token);
    }

    public VirtualMyNumberCard Card { get; }

    public VirtualFaceReader Reader { get; }

    public ScenarioPlayer Player { get; }

    public StringWriter Log { get; } = new();

    public InProcessDeviceService Service => _service ?? throw new InvalidOperationException("The host has not started.");

    public CheckIn.CheckInClient Client => _client ?? throw new InvalidOperationException("The host has not started.");

    public static CancellationToken Deadline => new CancellationTokenSource(Patience).Token;

    public static async Task<CheckInServiceThroughPcscdHost> StartAsync(PcscdFixture pcscd)
    {
        ArgumentNullException.ThrowIfNull(pcscd);

        // A previous test's card leaves pcscd's view only at its next poll; this reader's card must not be mistaken for it.
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
        var host = new CheckInServiceThroughPcscdHost(VirtualMyNumberCards.Standard(), await SocatCable.CreateAsync(folder: null, Deadline));
        try
        {
            await host.StartServiceAsync(pcscd.Api);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public Task<CheckInDesk> AttendAsync() => CheckInDesk.AttendAsync(Client, FaceReader, Patience);

    public Task<Grpc.Core.AsyncServerStreamingCall<WatchCheckInsResponse>> WatchAsync() => CheckInStreams.WatchAsync(Client, FaceReader, Patience);

    /// <summary>Plays the patient's (and the cable's) part; a failure names the scenario's log and the service's warnings.</summary>
    public async Task PlayAsync(string scenario)
    {
        try
        {
            await Player.PlayAsync(ScenarioParser.Parse(scenario), Deadline);
        }
        catch (Exception e) when (e is OperationCanceledException or ScenarioException)
        {
            var warnings = Service.LogEntries.Where(entry => entry.Contains("Warning", StringComparison.Ordinal) || entry.Contains("Error", StringComparison.Ordinal));
            throw new InvalidOperationException($"{e.Message}\nscenario log:\n{Log}\nservice warnings:\n{string.Join("\n", warnings)}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_service is not null)
            {
                await _service.DisposeAsync();
            }
        }
        finally
        {
            await _stopServing.CancelAsync();
            await _serving;
            await _slot.DisposeAsync();
            await Reader.DisposeAsync();
            _cable.Dispose();
            _stopServing.Dispose();
            Directory.Delete(_keyFolder, recursive: true);
        }
    }

    private async Task StartServiceAsync(OnshiDevice.PcSc.IPcscApi api)
    {
        var keyFile = Path.Combine(_keyFolder, "card-face-issuer.der");
        await File.WriteAllBytesAsync(keyFile, VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo);
        var settings = new Dictionary<string, string?>(SimulatedTrustFolder.Settings())
        {
            [$"OnshiDevice:FaceReaders:{FaceReader}:SerialPort"] = _cable.HostEnd,
            [$"OnshiDevice:FaceReaders:{FaceReader}:CardSlotReader"] = PcscdFixture.Slot1Reader,
            ["OnshiDevice:CheckIn:ResultScreenTime"] = "00:00:00",
            ["OnshiDevice:CheckIn:ConsentTopics:0"] = "Medication",
            ["OnshiDevice:CheckIn:ConsentTopics:1"] = "HighCostLimit",
            ["OnshiDevice:CheckIn:CardFaceIssuerKey"] = keyFile,
        };
        _service = await InProcessDeviceService.StartAsync(api, settings, new InProcessServiceOptions
        {
            AfterStop = () => Assert.True(Card.PrivacyViolations.Count == 0, $"The card recorded: {string.Join("; ", Card.PrivacyViolations)}"),
        });
        _client = new CheckIn.CheckInClient(_service.Channel);
        await Reader.WaitConnectedAsync(Deadline);
    }
}
