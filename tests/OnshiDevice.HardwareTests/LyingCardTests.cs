using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>Cards that break their own profile, through the real pcscd: a typed error, never a hang or a crash.</summary>
[Collection(PcscdCollection.Name)]
public sealed class LyingCardTests(PcscdFixture pcscd)
{
    private const string Reader = PcscdFixture.Slot0Reader;

    [Theory]
    [InlineData(VirtualMyNumberCardFault.AuthCertificateHeaderOverstatesLength)]
    [InlineData(VirtualMyNumberCardFault.MoreDataForever)]
    public async Task A_lying_card_ends_the_certificate_read_with_CARD_ERROR_and_the_reader_stays_usable(VirtualMyNumberCardFault fault)
    {
        await using var service = await InProcessDeviceService.StartAsync(pcscd.Api);
        await using (await pcscd.TapAsync(VirtualMyNumberCards.WithFault(fault), PcscdFixture.Slot0Port, Reader))
        {
            var failure = await Assert.ThrowsAsync<RpcException>(() => service.Cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth },
                deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);

            Assert.Equal("CARD_ERROR", failure.Info().Reason);
        }

        var honest = VirtualMyNumberCards.Standard();
        await using (await pcscd.TapAsync(honest, PcscdFixture.Slot0Port, Reader))
        {
            var response = await service.Cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth },
                deadline: DateTime.UtcNow.AddSeconds(30));
            Assert.Equal(honest.AuthCertificate, response.Der.ToByteArray());
        }
    }
}
