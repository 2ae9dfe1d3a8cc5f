using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.PcSc;
using OnshiDevice.Pki;
using OnshiDevice.Service;
using OnshiDevice.Service.CheckIns;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.TestSupport;
using CheckInClient = OnshiDevice.Contracts.V1.CheckIn.CheckInClient;

namespace OnshiDevice.Benchmarks.FaceReader;

/// <summary>
/// One set-up of the check-in benchmark: the device service as the host composes it (no log providers, gRPC over
/// HTTP/2 on 127.0.0.1) with one face reader "desk-1", the simulated reader and its card, and the same card's slot
/// reached directly on the same PC/SC binding (<see cref="DirectCard"/>) for the baseline.
/// </summary>
internal sealed class CheckInBenchHost : IAsyncDisposable
{
    public const string FaceReader = "desk-1";

    private readonly WebApplication _app;
    private readonly Func<Task> _cardGone;
    private readonly Func<ValueTask> _release;

    private CheckInBenchHost(WebApplication app, VirtualFaceReader reader, IFaceReaderCable cable, CheckInCard directCard, Func<Task> cardGone, Func<ValueTask> release)
    {
        _app = app;
        _cardGone = cardGone;
        _release = release;
        Reader = reader;
        DirectCard = directCard;
        Channel = GrpcChannel.ForAddress(new Uri(app.Urls.First()));
        Client = new CheckInClient(Channel);
        Player = new ScenarioPlayer(reader, cable, TextWriter.Null);
    }

    public VirtualFaceReader Reader { get; }

    public ScenarioPlayer Player { get; }

    public GrpcChannel Channel { get; }

    public CheckInClient Client { get; }

    /// <summary>The card calls of a check-in, on the same card through the same PC/SC binding, without the service.</summary>
    public CheckInCard DirectCard { get; }

    /// <summary>(a) The simulated PC/SC reader "Face Slot" and the in-process cable where the serial port would be.</summary>
    public static async Task<CheckInBenchHost> InProcessAsync()
    {
        const string SlotReader = "Face Slot";
        var api = new SimulatedPcscApi();
        var slot = api.AddReader(SlotReader);
        var reader = new VirtualFaceReader { CardSlot = new SimulatedReaderCardSlot(slot, VirtualMyNumberCards.Standard()) };
        var cable = new InProcessFaceReaderCable(reader);
        var app = await StartServiceAsync(api, cable.Name, SlotReader, new CablePorts(cable));
        var host = new CheckInBenchHost(app, reader, cable, DirectCardOn(app, api, SlotReader), () => Task.CompletedTask, () => ValueTask.CompletedTask);
        await reader.WaitConnectedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        return host;
    }

    /// <summary>(b) vpcd slot 1 of the real pcscd, and a socat pty pair the service opens as its serial port.</summary>
    public static async Task<CheckInBenchHost> ThroughPcscdAsync(IPcscApi api, string slotReader, int vpcdPort)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var cable = await SocatCable.CreateAsync(folder: null, limit.Token);
        var slot = new VpcdCardSlot(VirtualMyNumberCards.Standard(), vpcdPort);
        var reader = new VirtualFaceReader { CardSlot = slot };
        var stopServing = new CancellationTokenSource();
        var serving = reader.ServeAsync(new SerialFaceReaderPort(cable.ReaderEnd), stopServing.Token);
        var app = await StartServiceAsync(api, cable.HostEnd, slotReader, ports: null);
        async ValueTask ReleaseAsync()
        {
            await stopServing.CancelAsync();
            await serving;
            await slot.DisposeAsync();
            cable.Dispose();
            stopServing.Dispose();
        }

        var host = new CheckInBenchHost(app, reader, cable, DirectCardOn(app, api, slotReader), () => PcscPresence.WaitAsync(api, slotReader, present: false), ReleaseAsync);
        await reader.WaitConnectedAsync(limit.Token);
        return host;
    }

    /// <summary>Waits until the PC/SC binding no longer shows the card taken off (pcscd sees a vpcd card go at its next poll).</summary>
    public Task CardGoneAsync() => _cardGone();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Reader.DisposeAsync();
        await _release();
    }

    private static async Task<WebApplication> StartServiceAsync(IPcscApi api, string serialPort, string slotReader, IFaceReaderPorts? ports)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(SimulatedTrustFolder.Settings())
        {
            [$"OnshiDevice:FaceReaders:{FaceReader}:SerialPort"] = serialPort,
            [$"OnshiDevice:FaceReaders:{FaceReader}:CardSlotReader"] = slotReader,
            ["OnshiDevice:CheckIn:ResultScreenTime"] = "00:00:00",
            ["OnshiDevice:CheckIn:ConsentTopics:0"] = "Medication",
            ["OnshiDevice:CheckIn:ConsentTopics:1"] = "HighCostLimit",
        });
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        if (ports is not null)
        {
            builder.Services.AddSingleton(ports);
        }

        var app = builder.Build();
        app.MapOnshiDevice();
        await app.StartAsync();
        return app;
    }

    /// <summary>The service's own certificate verifier (same trust, same CRLs), so the baseline verifies exactly as a check-in does.</summary>
    private static CheckInCard DirectCardOn(WebApplication app, IPcscApi api, string slotReader) =>
        new(new PcscCardSlot(api, slotReader), app.Services.GetRequiredService<CertificateVerifier>(), cardFaceIssuerKey: null, TimeProvider.System);

    private sealed class CablePorts(InProcessFaceReaderCable cable) : IFaceReaderPorts
    {
        public IFaceReaderPort For(string faceReader, FaceReaderSettings settings) => cable;
    }
}
