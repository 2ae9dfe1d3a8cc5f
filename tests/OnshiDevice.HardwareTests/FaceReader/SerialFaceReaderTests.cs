using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>The driver on a real serial port (System.IO.Ports on a pty), the simulated reader on the pty's other end.</summary>
public sealed class SerialFaceReaderTests
{
    private static readonly FaceReaderLinkOptions Link = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(200),
        SilentIntervalsToLoss = 5,
        AckTimeout = TimeSpan.FromMilliseconds(200),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    private static CancellationToken Deadline => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task A_check_in_s_frames_cross_a_serial_port_and_the_link_survives_the_cable_pulled_and_put_back()
    {
        using var cable = await SocatCable.CreateAsync(folder: null, Deadline);
        await using var device = new VirtualFaceReader(linkOptions: Link);
        using var serving = new CancellationTokenSource();
        var serve = device.ServeAsync(new SerialFaceReaderPort(cable.ReaderEnd), serving.Token);
        await using var driver = FaceReaderDriver.Start(new SerialFaceReaderPort(cable.HostEnd), Link, TimeProvider.System, NullLogger.Instance);

        var first = await NextAsync<LinkRestored>(driver);
        await device.WaitConnectedAsync(Deadline);
        await device.PlaceCardAsync("55021720352285", Deadline);
        await driver.SendAsync(new ShowMethodChoice(FaceOffered: true, PinOffered: true, PinTriesLeft: 3), Deadline);
        await device.ChooseMethodAsync(CheckInMethod.Face, Deadline);
        await driver.SendAsync(new StartFaceCapture(new byte[8000]), Deadline);

        Assert.Equal("VFR-0001", first.Info.SerialNumber);
        Assert.IsType<CardPlaced>(await NextAsync<FaceReaderEvent>(driver));
        using ((await NextAsync<CardFaceNumberRead>(driver)).Number)
        {
        }

        Assert.Equal(CheckInMethod.Face, (await NextAsync<MethodChosen>(driver)).Method);
        Assert.Equal(FaceCaptureOutcome.Compared, (await NextAsync<FaceCaptured>(driver)).Outcome);
        Assert.Equal(8000, device.LastReferencePhotoLength);

        cable.Unplug();
        await NextAsync<LinkLost>(driver);
        await cable.PlugInAsync(Deadline);
        await NextAsync<LinkRestored>(driver);
        await device.WaitConnectedAsync(Deadline);
        await driver.SendAsync(new ShowIdle(), Deadline);
        Assert.IsType<ShowIdle>(device.Screen);

        await serving.CancelAsync();
        await serve;
    }

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
