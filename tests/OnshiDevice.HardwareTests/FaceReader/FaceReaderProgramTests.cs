using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>`onshi-sim face-reader` as QA runs it: a scenario file played on a pty pair, its card slot a vpcd reader of pcscd.</summary>
[Collection(PcscdCollection.Name)]
public sealed class FaceReaderProgramTests(PcscdFixture pcscd) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-face-reader-program-").FullName;

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task A_scenario_file_plays_the_patient_to_a_host_on_the_pty_and_puts_the_card_in_the_slot()
    {
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
        var scenario = Path.Combine(_folder, "face.scenario");
        await File.WriteAllTextAsync(scenario, $"""
            # a patient who passes by face
            place-card number={VirtualMyNumberCards.CardFaceNumberB}
            expect method-choice face pin
            choose face
            face compared score=0.9
            expect result passed
            remove-card
            """);
        var pty = Path.Combine(_folder, "pty");

        await using var program = await RunningProgram.StartAsync(
            BuiltProgram.Simulator.Launch("face-reader", "--pty", pty, "--scenario", scenario, "--card", "standard", "--vpcd-port", PcscdFixture.Slot1Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--exit"),
            "face reader ready");
        await using var driver = FaceReaderDriver.Start(new SerialFaceReaderPort(Path.Combine(pty, "host")), new FaceReaderLinkOptions(), TimeProvider.System, NullLogger.Instance);

        await NextAsync<LinkRestored>(driver);
        await NextAsync<CardPlaced>(driver);
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: true);
        using ((await NextAsync<CardFaceNumberRead>(driver)).Number)
        {
        }

        await driver.SendAsync(new ShowMethodChoice(FaceOffered: true, PinOffered: true, PinTriesLeft: 3), Deadline);
        Assert.Equal(CheckInMethod.Face, (await NextAsync<MethodChosen>(driver)).Method);
        await driver.SendAsync(new StartFaceCapture(new byte[6000]), Deadline);
        Assert.Equal(0.9, (await NextAsync<FaceCaptured>(driver)).Score, precision: 4);
        await driver.SendAsync(new ShowResult(Passed: true, ReaderMessage.CheckInComplete), Deadline);
        await NextAsync<CardRemoved>(driver);

        Assert.Equal(0, await program.WaitForExitAsync());
        Assert.Contains("scenario face.scenario played (6 steps)", program.Output, StringComparison.Ordinal);
        Assert.Contains("line 6: the host showed result passed CheckInComplete", program.Output, StringComparison.Ordinal);
        await pcscd.WaitForCardPresenceAsync(PcscdFixture.Slot1Reader, present: false);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<T> NextAsync<T>(FaceReaderDriver driver)
        where T : FaceReaderEvent
    {
        var deadline = Deadline;
        while (true)
        {
            if (await driver.Events.ReadAsync(deadline) is T wanted)
            {
                return wanted;
            }
        }
    }
}
