using System.Text;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;

namespace OnshiDevice.UnitTests.FaceAuth.Link;

public sealed class FaceReaderDriverTests
{
    [Fact]
    public async Task The_handshake_gives_the_readers_model_firmware_serial_version_and_capabilities()
    {
        await using var rig = ReaderOnCable.Start(new VirtualFaceReaderOptions
        {
            Model = "FR-1", Firmware = "3.2", SerialNumber = "SN-42", Capabilities = FaceReaderCapabilities.PinPad,
        });

        var info = await rig.ConnectedAsync();

        Assert.Equal(new FaceReaderInfo("FR-1", "3.2", "SN-42", 1, FaceReaderCapabilities.PinPad), info);
        Assert.Equal(info, rig.Driver.Info);
    }

    [Fact]
    public async Task Commands_reach_the_reader_and_its_events_reach_the_host_in_order()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();

        await rig.Driver.SendAsync(new ShowMethodChoice(FaceOffered: true, PinOffered: true, PinTriesLeft: 3), ReaderOnCable.Deadline);
        await rig.Device.PlaceCardAsync(null, ReaderOnCable.Deadline);
        await rig.Device.ChooseMethodAsync(CheckInMethod.Pin, ReaderOnCable.Deadline);

        Assert.Equal(new ShowMethodChoice(true, true, 3), rig.Device.Screen);
        Assert.IsType<CardPlaced>(await rig.NextAsync<FaceReaderEvent>());
        Assert.Equal(new MethodChosen(CheckInMethod.Pin), await rig.NextAsync<FaceReaderEvent>());
    }

    [Fact]
    public async Task A_face_capture_sends_the_photo_and_the_reader_answers_with_its_camera_result()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();
        rig.Device.QueueFaceResult(FaceCaptureOutcome.Compared, 0.41, live: false);

        await rig.Driver.SendAsync(new StartFaceCapture(new byte[4000]), ReaderOnCable.Deadline);

        Assert.Equal(new FaceCaptured(FaceCaptureOutcome.Compared, 0.41, Live: false), await rig.NextAsync<FaceCaptured>());
        Assert.Equal(4000, rig.Device.LastReferencePhotoLength);
    }

    [Fact]
    public async Task A_keypad_pin_arrives_once_as_a_secret_entry()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();

        await rig.Device.EnterPinAsync("4321", ReaderOnCable.Deadline);

        var entered = await rig.NextAsync<PinEntered>();
        using (entered.Pin)
        {
            Assert.Equal("4321", Encoding.ASCII.GetString(entered.Pin.Bytes));
        }

        Assert.False(rig.Driver.Events.TryRead(out var more) && more is PinEntered);
    }

    [Fact]
    public async Task Garbage_on_the_line_is_skipped_and_the_next_event_arrives()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();

        await rig.Device.SendGarbageAsync([0x00, 0x7E, 0x00, 0x03, 0x7D, 0xFF, 0x13, 0x7E, 0x7E, 0x42], ReaderOnCable.Deadline);
        await rig.Device.CancelAsync(ReaderOnCable.Deadline);

        Assert.IsType<PatientCancelled>(await rig.NextAsync<PatientCancelled>());
    }

    [Fact]
    public async Task A_pulled_cable_is_reported_lost_and_restored_when_it_is_back()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();

        rig.Cable.Unplug();
        var lost = await rig.NextAsync<LinkLost>();
        var refused = await Assert.ThrowsAsync<FaceReaderException>(() => rig.Driver.SendAsync(new ShowIdle(), ReaderOnCable.Deadline));
        rig.Cable.PlugIn();
        var restored = await rig.NextAsync<LinkRestored>();

        Assert.NotEmpty(lost.Reason);
        Assert.Equal(FaceReaderProblem.NotConnected, refused.Problem);
        Assert.Equal("VFR-0001", restored.Info.SerialNumber);
        await rig.Device.WaitConnectedAsync(ReaderOnCable.Deadline);
        await rig.Driver.SendAsync(new ShowIdle(), ReaderOnCable.Deadline);
        Assert.IsType<ShowIdle>(rig.Device.Screen);
    }

    [Fact]
    public async Task A_silent_reader_is_noticed_by_its_missing_heartbeats_and_a_send_ends_by_its_deadline()
    {
        await using var rig = ReaderOnCable.Start();
        await rig.ConnectedAsync();

        rig.Device.Freeze();
        using var shortDeadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var send = rig.Driver.SendAsync(new ShowIdle(), shortDeadline.Token);
        var lost = await rig.NextAsync<LinkLost>();

        Assert.Contains("heartbeat", lost.Reason, StringComparison.Ordinal);
        var ended = await Assert.ThrowsAnyAsync<Exception>(() => send.WaitAsync(ReaderOnCable.Deadline));
        Assert.True(ended is OperationCanceledException or FaceReaderException, ended.GetType().Name);

        rig.Device.Thaw();
        await rig.NextAsync<LinkRestored>();
    }

    [Fact]
    public async Task A_reader_speaking_only_another_version_never_connects()
    {
        await using var rig = ReaderOnCable.Start(new VirtualFaceReaderOptions { MinVersion = 2, MaxVersion = 3 });

        await Task.Delay(300);

        Assert.Null(rig.Driver.Info);
        Assert.False(rig.Driver.Events.TryRead(out _));
        var refused = await Assert.ThrowsAsync<FaceReaderException>(() => rig.Driver.SendAsync(new ShowIdle(), ReaderOnCable.Deadline));
        Assert.Equal(FaceReaderProblem.NotConnected, refused.Problem);
    }

    [Fact]
    public async Task A_lost_frame_is_sent_again_and_delivered_once()
    {
        var lossy = (LossyPort?)null;
        await using var rig = ReaderOnCable.Start(wrapPort: port => lossy = new LossyPort(port));
        await rig.ConnectedAsync();
        lossy!.DropNextWrites(1);

        await rig.Driver.SendAsync(new ShowConsent(ConsentTopic.Surgery), ReaderOnCable.Deadline);

        Assert.Single(rig.Device.Commands, c => c is ShowConsent);
        Assert.Equal(1, lossy.Dropped);
    }
}
