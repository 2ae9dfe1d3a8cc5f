using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.CheckIns;

/// <summary>The face readers' part of DeviceStatus and `onshi health`: what clinic IT checks before going live.</summary>
public sealed class FaceReadersStatusTests
{
    private static DateTime Soon => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task A_connected_reader_with_its_card_slot_is_ok_and_a_pulled_cable_fails_the_part()
    {
        await using var host = await CheckInServiceHost.StartAsync();
        var status = new DeviceStatus.DeviceStatusClient(host.Service.Channel);
        using var watch = await host.WatchAsync();

        var connected = await status.GetStatusAsync(new GetStatusRequest(), deadline: Soon);
        var healthy = await InProcessCli.RunAsync(host.Service.CreateChannel, new CliOptions(), "health");
        await host.PlayAsync("unplug");
        while (await watch.ResponseStream.MoveNext(CheckInServiceHost.Deadline) && watch.ResponseStream.Current.Event.ReaderState is not { Connected: false })
        {
        }

        var unplugged = await status.GetStatusAsync(new GetStatusRequest(), deadline: Soon);
        var failing = await InProcessCli.RunAsync(host.Service.CreateChannel, new CliOptions(), "health");

        Assert.Equal([Part.Pcsc, Part.Trust, Part.Crls, Part.FaceReaders], connected.Parts.Select(part => part.Part));
        var part = connected.Parts[^1];
        Assert.Equal(PartState.Ok, part.State);
        Assert.Equal(CheckInServiceHost.FaceReader, part.FaceReaders.FaceReaders.Single().FaceReader);
        Assert.Empty(part.FaceReaders.CardSlotsMissing);
        Assert.Equal(0, healthy.ExitCode);

        Assert.Equal(PartState.Failing, unplugged.State);
        Assert.Equal([PartCondition.FaceReaderDisconnected], unplugged.Parts[^1].Conditions);
        Assert.Equal(3, failing.ExitCode);
        Assert.Contains("desk-1: NOT connected", failing.Output, StringComparison.Ordinal);
        Assert.Contains("OnshiDevice:FaceReaders:ID:SerialPort", failing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_slot_reader_pcsc_does_not_list_fails_the_part_naming_the_reader()
    {
        await using var host = await CheckInServiceHost.StartAsync(settings: new Dictionary<string, string?>
        {
            [$"OnshiDevice:FaceReaders:{CheckInServiceHost.FaceReader}:CardSlotReader"] = "No Such Slot",
        });

        var status = await new DeviceStatus.DeviceStatusClient(host.Service.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon);

        var part = status.Parts.Single(p => p.Part == Part.FaceReaders);
        Assert.Equal(PartState.Failing, part.State);
        Assert.Equal([PartCondition.CardSlotReaderMissing], part.Conditions);
        Assert.Equal([CheckInServiceHost.FaceReader], part.FaceReaders.CardSlotsMissing);
    }
}
