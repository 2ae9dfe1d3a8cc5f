using Grpc.Core;
using Xunit.Abstractions;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// A card taken off the reader in the middle of a call is CARD_REMOVED, whatever pcscd and the driver answer
/// at that moment (a removed-card code, no card, a reset, a communication error or an empty response).
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class CardRemovalTests(PcscdFixture pcscd, ITestOutputHelper output)
{
    private const string Reader = PcscdFixture.Slot0Reader;

    private const int Removals = 20;

    // A read of the JPKI authentication certificate is SELECT of the application, SELECT of the file and one
    // READ BINARY over an extended-length reader; stalling at each in turn takes the card off during each of them.
    private const int CommandsPerRead = 3;

    [Fact]
    public async Task Twenty_removals_in_the_middle_of_certificate_reads_are_all_CARD_REMOVED()
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        var reasons = new List<string>();
        for (var removal = 0; removal < Removals; removal++)
        {
            var card = new StallAtCommandCard(VirtualMyNumberCards.Standard(), stallAt: removal % CommandsPerRead);
            var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
            var read = service.Cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth }, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync;
            var first = await Task.WhenAny(card.Stalled, read).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(first == card.Stalled, $"Removal {removal}: the read ended ({read.Status}) before the card saw command {removal % CommandsPerRead}.");

            Task removed;
            if (removal % 2 == 0)
            {
                removed = tap.DisposeAsync().AsTask();
                card.Release();
            }
            else
            {
                card.Release();
                removed = tap.DisposeAsync().AsTask();
            }

            var failure = await Assert.ThrowsAsync<RpcException>(() => read);
            await removed;
            reasons.Add($"{removal}: {failure.Info().Reason} {failure.Status.Detail}");
        }

        output.WriteLine(string.Join(Environment.NewLine, reasons));
        Assert.True(reasons.All(reason => reason.Contains(": CARD_REMOVED ", StringComparison.Ordinal)), string.Join(Environment.NewLine, reasons));
    }
}
