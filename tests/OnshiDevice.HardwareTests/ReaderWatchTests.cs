using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.HardwareTests;

[Collection(PcscdCollection.Name)]
public sealed class ReaderWatchTests(PcscdFixture pcscd)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WatchReaders_sees_a_tap_and_a_removal_on_the_virtual_reader()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        using var call = service.Readers.WatchReaders(new WatchReadersRequest(), deadline: DateTime.UtcNow.AddMinutes(2));
        var events = new ReaderEventStream(call.ResponseStream);
        await events.WaitForAsync(
            e => e.Kind == WatchReadersResponse.Types.Kind.ReaderAttached && e.Reader == PcscdFixture.Slot0Reader, Patience, "reader attached");

        var card = VirtualMyNumberCards.Standard();
        await using (await VpcdCardConnection.ConnectAsync(card, port: PcscdFixture.Slot0Port))
        {
            var inserted = await events.WaitForAsync(
                e => e.Kind == WatchReadersResponse.Types.Kind.CardInserted && e.Reader == PcscdFixture.Slot0Reader, Patience, "card inserted");
            Assert.Equal(card.Atr, inserted.Atr.ToByteArray());
        }

        await events.WaitForAsync(
            e => e.Kind == WatchReadersResponse.Types.Kind.CardRemoved && e.Reader == PcscdFixture.Slot0Reader, Patience, "card removed");
    }

    [Fact]
    public async Task WatchReaders_recovers_when_pcscd_restarts_without_restarting_the_service()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        using var call = service.Readers.WatchReaders(new WatchReadersRequest(), deadline: DateTime.UtcNow.AddMinutes(3));
        var events = new ReaderEventStream(call.ResponseStream);
        await events.WaitForAsync(
            e => e.Kind == WatchReadersResponse.Types.Kind.ReaderAttached && e.Reader == PcscdFixture.Slot0Reader, Patience, "reader attached");

        await PcscdFixture.RestartPcscdAsync();

        await events.WaitForAsync(e => e.Kind == WatchReadersResponse.Types.Kind.PcscUnavailable, Patience, "PC/SC unavailable");
        await events.WaitForAsync(e => e.Kind == WatchReadersResponse.Types.Kind.PcscRestored, TimeSpan.FromSeconds(40), "PC/SC restored");
        await events.WaitForAsync(
            e => e.Kind == WatchReadersResponse.Types.Kind.ReaderAttached && e.Reader == PcscdFixture.Slot0Reader, Patience, "reader re-announced");

        // The same stream, on the new pcscd, still sees cards.
        var card = VirtualMyNumberCards.Standard();
        await using (await VpcdCardConnection.ConnectAsync(card, port: PcscdFixture.Slot0Port))
        {
            await events.WaitForAsync(
                e => e.Kind == WatchReadersResponse.Types.Kind.CardInserted && e.Reader == PcscdFixture.Slot0Reader, Patience, "card inserted after restart");
        }
    }
}
