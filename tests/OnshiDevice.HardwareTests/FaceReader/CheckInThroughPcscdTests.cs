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

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>
/// A check-in through every real transport: the simulated reader on one end of a socat pty pair, the driver on
/// System.IO.Ports at the other, the card slot a vpcd reader of the real pcscd, the flow and CheckInCard over PC/SC.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class CheckInThroughPcscdTests(PcscdFixture pcscd) : IDisposable
{
    private static readonly FaceReaderLinkOptions Link = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        SilentIntervalsToLoss = 5,
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly string _trust = Directory.CreateTempSubdirectory("onshi-hw-checkin-").FullName;

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Theory]
    [InlineData("face", CheckInMethod.Face)]
    [InlineData("pin", CheckInMethod.Pin)]
    public async Task A_check_in_by_face_or_pin_completes_with_the_verified_auth_certificate(string method, CheckInMethod expected)
    {
        var card = VirtualMyNumberCards.Standard();
        var steps = method == "face"
            ? $"place-card number={VirtualMyNumberCards.CardFaceNumberB}\nchoose face\nface compared score=0.97\nconsents agree\nexpect result passed\nremove-card"
            : $"place-card\nchoose pin\npin {VirtualMyNumberCards.AuthPin}\nconsents agree\nexpect result passed\nremove-card";

        var events = await PlayAsync(card, steps);

        var completed = Assert.IsType<CheckInCompleted>(events.Single(e => e is CheckInCompleted));
        Assert.Equal(expected, completed.Result.Method);
        Assert.True(completed.Result.Certificate.Verdict.IsValid, string.Join(", ", completed.Result.Certificate.Verdict.Failures));
        Assert.Equal(card.AuthCertificate, completed.Result.Certificate.Der.ToArray());
        Assert.Equal(3, card.AuthPinTriesLeft);
    }

    public void Dispose() => Directory.Delete(_trust, recursive: true);

    private async Task<List<CheckInEvent>> PlayAsync(VirtualMyNumberCard card, string scenario)
    {
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
        SimulatedTrust.WriteTo(_trust, DateTimeOffset.UtcNow);
        using var crls = new CrlStore(Path.Combine(_trust, SimulatedTrust.CrlsFolder), 16 * 1024 * 1024, TimeProvider.System);
        await crls.RefreshAsync();
        var pki = new PkiOptions();
        pki.AdditionalPolicies[CertificatePurpose.JpkiAuthentication] = [.. SimulatedTrust.TestPolicyOids];
        var verifier = new CertificateVerifier(TrustStore.Load(Anchors(), Path.Combine(_trust, SimulatedTrust.IntermediatesFolder)), crls, pki, TimeProvider.System);
        using var issuer = RSA.Create();
        issuer.ImportSubjectPublicKeyInfo(VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo, out _);

        using var cable = await SocatCable.CreateAsync(folder: null, Deadline);
        await using var device = new VirtualFaceReader(linkOptions: Link);
        await using var slot = new VpcdCardSlot(card, PcscdFixture.Slot1Port);
        device.CardSlot = slot;
        using var stop = new CancellationTokenSource();
        var serving = device.ServeAsync(new SerialFaceReaderPort(cable.ReaderEnd), stop.Token);
        await using var driver = FaceReaderDriver.Start(new SerialFaceReaderPort(cable.HostEnd), Link, TimeProvider.System, NullLogger.Instance);
        var options = new CheckInOptions { ResultScreenTime = TimeSpan.Zero, ConsentTopics = [ConsentTopic.Medication, ConsentTopic.HighCostLimit] };
        var flow = new CheckInFlow(driver, new CheckInCard(new PcscCardSlot(pcscd.Api, PcscdFixture.Slot1Reader), verifier, issuer, TimeProvider.System), options, new FaceAuthLockout(), TimeProvider.System);
        var running = Task.Run(() => flow.RunAsync(stop.Token));
        await device.WaitConnectedAsync(Deadline);

        var playing = new ScenarioPlayer(device, cable, TextWriter.Null).PlayAsync(ScenarioParser.Parse(scenario), Deadline);
        var events = new List<CheckInEvent>();
        var deadline = Deadline;
        while (events.LastOrDefault() is not (CheckInCompleted or CheckInFailed or CheckInCancelled))
        {
            events.Add(await flow.Events.ReadAsync(deadline));
        }

        await playing;
        await stop.CancelAsync();
        await running.WaitAsync(Deadline);
        await serving;
        return events;
    }

    private Dictionary<CertificatePurpose, string> Anchors() =>
        SimulatedTrust.AnchorFolderByPurpose.ToDictionary(p => Enum.Parse<CertificatePurpose>(p.Key), p => Path.Combine(_trust, SimulatedTrust.AnchorsFolder, p.Value));
}
