using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader.Scenarios;
using OnshiDevice.UnitTests.FaceAuth.Link;

namespace OnshiDevice.UnitTests.Simulators.FaceReader;

/// <summary>A scenario played on the simulated reader while the test plays the host through the real driver.</summary>
public sealed class ScenarioPlayerTests
{
    [Fact]
    public async Task A_scenario_plays_the_patient_and_checks_what_the_host_shows()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();
        var log = new StringWriter();
        var player = new ScenarioPlayer(rig.Device, rig.Cable, log);
        var steps = ScenarioParser.Parse("""
            place-card number=55021720352285
            expect method-choice face pin
            choose face
            face no-face
            consents decline
            expect result failed face-not-recognised
            """);

        var playing = player.PlayAsync(steps, ReaderOnCable.Deadline);
        Assert.IsType<CardPlaced>(await rig.NextAsync<FaceReaderEvent>());
        using ((await rig.NextAsync<CardFaceNumberRead>()).Number)
        {
        }

        await rig.Driver.SendAsync(new ShowMessage(ReaderMessage.PleaseWait), ReaderOnCable.Deadline);
        await rig.Driver.SendAsync(new ShowMethodChoice(true, true, 3), ReaderOnCable.Deadline);
        Assert.Equal(CheckInMethod.Face, (await rig.NextAsync<MethodChosen>()).Method);
        await rig.Driver.SendAsync(new StartFaceCapture(new byte[10]), ReaderOnCable.Deadline);
        Assert.Equal(FaceCaptureOutcome.NoFace, (await rig.NextAsync<FaceCaptured>()).Outcome);
        await rig.Driver.SendAsync(new ShowConsent(ConsentTopic.Medication), ReaderOnCable.Deadline);
        await rig.Driver.SendAsync(new ShowConsent(ConsentTopic.Surgery), ReaderOnCable.Deadline);
        await rig.Driver.SendAsync(new ShowResult(false, ReaderMessage.FaceNotRecognised), ReaderOnCable.Deadline);
        await playing;

        Assert.Equal(new ConsentAnswered(ConsentTopic.Medication, ConsentAnswer.Declined), await rig.NextAsync<ConsentAnswered>());
        Assert.Equal(new ConsentAnswered(ConsentTopic.Surgery, ConsentAnswer.Declined), await rig.NextAsync<ConsentAnswered>());
        Assert.Contains("line 6: the host showed result failed FaceNotRecognised", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expectation_the_host_does_not_meet_fails_with_what_it_showed()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();
        var player = new ScenarioPlayer(rig.Device, rig.Cable, TextWriter.Null);

        var playing = player.PlayAsync(ScenarioParser.Parse("expect result passed timeout=500"), ReaderOnCable.Deadline);
        await rig.Driver.SendAsync(new ShowResult(false, ReaderMessage.PinBlocked), ReaderOnCable.Deadline);

        var failed = await Assert.ThrowsAsync<ScenarioException>(() => playing);
        Assert.Equal("line 1: expected result passed within 500 ms; the host showed result failed PinBlocked", failed.Message);
    }

    [Fact]
    public async Task Unplug_and_plug_in_pull_the_cable_and_put_it_back()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();
        var player = new ScenarioPlayer(rig.Device, rig.Cable, TextWriter.Null);

        await player.PlayAsync(ScenarioParser.Parse("unplug"), ReaderOnCable.Deadline);
        await rig.NextAsync<LinkLost>();
        await player.PlayAsync(ScenarioParser.Parse("plug-in\nplace-card"), ReaderOnCable.Deadline);

        await rig.NextAsync<LinkRestored>();
        Assert.IsType<CardPlaced>(await rig.NextAsync<CardPlaced>());
    }
}
