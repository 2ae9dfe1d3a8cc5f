using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The cards layer over the real pcscd through the PC/SC adapter (OnshiDevice.PcSc.Iso7816) alone, without
/// the gRPC service: what a future layer gets when it drives a card itself. The fewest APDUs hold here too.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class PcscAdapterTests(PcscdFixture pcscd)
{
    private const string Reader = PcscdFixture.Slot0Reader;
    private const byte ReadBinary = 0xB0;
    private const byte PerformSecurityOperation = 0x2A;

    [Fact]
    public async Task The_HPKI_card_reads_in_one_READ_BINARY_and_signs_in_one_extended_APDU_without_the_service()
    {
        var doctor = VirtualHpkiCards.Doctor();
        var card = new RecordingCard(doctor);
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var digest = SHA256.HashData("電子処方箋 over the PC/SC adapter"u8);

        using var pcsc = PcscContext.Establish(pcscd.Api);
        using var connection = pcsc.Connect(Reader);
        using var transaction = connection.BeginTransaction();
        var hpki = HpkiCard.Open(ApduChannels.Over(connection), HpkiApplication.Signing);
        var certificate = hpki.ReadCertificate();
        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);
        var signature = hpki.SignDigest(digest);
        transaction.End(Disposition.ResetCard);

        Assert.Equal(doctor.SigningCertificate, certificate);
        Assert.Single(card.Commands, command => command[1] == ReadBinary);
        var pso = Assert.Single(card.Commands, command => command[1] == PerformSecurityOperation);
        Assert.Equal(4 + 3 + 256 + 2, pso.Length);
        using var x509 = X509CertificateLoader.LoadCertificate(certificate);
        using var rsa = x509.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(VirtualHpkiCard.MaximumTries, doctor.SigningPinTriesLeft);
    }

    [Fact]
    public async Task The_My_Number_card_reads_its_auth_certificate_byte_identical_without_the_service()
    {
        var myNumber = VirtualMyNumberCards.Standard();
        var card = new RecordingCard(myNumber);
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);

        using var pcsc = PcscContext.Establish(pcscd.Api);
        using var connection = pcsc.Connect(Reader);
        using var transaction = connection.BeginTransaction();
        var der = MyNumberCard.Open(ApduChannels.Over(connection)).ReadCertificate(JpkiCertificateKind.Auth);
        transaction.End(Disposition.LeaveCard);

        Assert.Equal(myNumber.AuthCertificate, der);
        Assert.Single(card.Commands, command => command[1] == ReadBinary);
    }
}
