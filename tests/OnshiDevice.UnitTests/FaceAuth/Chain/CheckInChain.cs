using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.UnitTests.FaceAuth.CheckIn;
using OnshiDevice.UnitTests.FaceAuth.Link;
using OnshiDevice.UnitTests.Pki;

namespace OnshiDevice.UnitTests.FaceAuth.Chain;

/// <summary>
/// The whole check-in chain in one process, every part real: the simulated reader played from a scenario, the
/// in-process cable, the protocol driver, the flow, <see cref="CheckInCard"/> over a virtual My Number card, and the
/// verifier with the simulator's JPKI trust and CRLs.
/// </summary>
internal sealed class CheckInChain : IAsyncDisposable
{
    private readonly string _trustFolder = Directory.CreateTempSubdirectory("onshi-chain-trust-").FullName;
    private readonly CancellationTokenSource _stop = new();
    private readonly CrlStore _crls;
    private readonly RSA _issuerKey = RSA.Create();
    private readonly ReaderOnCable _rig;
    private readonly Task _flowRun;

    private CheckInChain(VirtualMyNumberCard card, CheckInOptions options)
    {
        SimulatedTrust.WriteTo(_trustFolder, DateTimeOffset.UtcNow);
        _crls = new CrlStore(Path.Combine(_trustFolder, SimulatedTrust.CrlsFolder), 16 * 1024 * 1024, TimeProvider.System);
        var pki = new PkiOptions();
        pki.AdditionalPolicies[CertificatePurpose.JpkiAuthentication] = [.. SimulatedTrust.TestPolicyOids];
        var verifier = new CertificateVerifier(SimulatedTrustStore.Load(_trustFolder), _crls, pki, TimeProvider.System);
        _issuerKey.ImportSubjectPublicKeyInfo(VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo, out _);

        Card = card;
        _rig = ReaderOnCable.Start(link: ReaderOnCable.TolerantLink);
        Flow = new CheckInFlow(_rig.Driver, new CheckInCard(new InProcessCardSlot(card), verifier, _issuerKey, TimeProvider.System), options, new FaceAuthLockout(), TimeProvider.System);
        _flowRun = Task.Run(() => Flow.RunAsync(_stop.Token));
        Player = new ScenarioPlayer(_rig.Device, _rig.Cable, Log);
    }

    public static readonly CheckInOptions Options = new()
    {
        ResultScreenTime = TimeSpan.Zero,
        ConsentTopics = [ConsentTopic.Medication, ConsentTopic.HighCostLimit],
    };

    public VirtualMyNumberCard Card { get; }

    public CheckInFlow Flow { get; }

    public VirtualFaceReader Reader => _rig.Device;

    public ScenarioPlayer Player { get; }

    public StringWriter Log { get; } = new();

    /// <summary>The card photos of visual checks, as copied while their check-in was still on.</summary>
    public List<byte[]> PhotosSeen { get; } = [];

    public static async Task<CheckInChain> StartAsync(VirtualMyNumberCard card, CheckInOptions? options = null)
    {
        var chain = new CheckInChain(card, options ?? Options);
        await chain._crls.RefreshAsync();
        await chain._rig.Device.WaitConnectedAsync(ReaderOnCable.Deadline);
        return chain;
    }

    /// <summary>Plays <paramref name="scenario"/> and collects the flow's events until the check-in ends.</summary>
    public async Task<IReadOnlyList<CheckInEvent>> PlayAsync(string scenario)
    {
        var playing = Player.PlayAsync(ScenarioParser.Parse(scenario), ReaderOnCable.Deadline);
        var events = new List<CheckInEvent>();
        try
        {
            await CollectAsync(events);
            await playing;
        }
        catch (Exception e) when (e is OperationCanceledException or ScenarioException)
        {
            var failure = playing.IsFaulted ? playing.Exception!.InnerException!.Message : e.Message;
            throw new InvalidOperationException($"{failure}\nflow events: {string.Join(", ", events.Select(Describe))}\nscenario log:\n{Log}", e);
        }

        return events;
    }

    private static string Describe(CheckInEvent e) => e is CheckInFailed failed
        ? $"{nameof(CheckInFailed)}({failed.Reason} in {failed.State}: {failed.Cause?.GetType().Name} {failed.Cause?.Message})"
        : e.GetType().Name;

    private async Task CollectAsync(List<CheckInEvent> events)
    {
        var deadline = ReaderOnCable.Deadline;
        while (true)
        {
            var next = await Flow.Events.ReadAsync(deadline);
            events.Add(next);
            // The photo is the flow's and is wiped when the check-in ends, which may be before this reads the event.
            if (next is VisualCheckNeeded visual && visual.Photo.TryCopy(out var photo))
            {
                PhotosSeen.Add(photo);
            }

            if (next is CheckInCompleted or CheckInFailed or CheckInCancelled)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _flowRun.WaitAsync(ReaderOnCable.Deadline);
        await _rig.DisposeAsync();
        _crls.Dispose();
        _issuerKey.Dispose();
        Directory.Delete(_trustFolder, recursive: true);
    }
}
