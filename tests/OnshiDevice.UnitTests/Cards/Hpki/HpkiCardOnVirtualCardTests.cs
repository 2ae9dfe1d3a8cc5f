using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Simulators.Hpki;

namespace OnshiDevice.UnitTests.Cards.Hpki;

/// <summary>
/// The product's HpkiCard against the simulators' VirtualHpkiCard, two independent readings of the
/// reference meeting in the middle, over a reader with and without extended length.
/// </summary>
public sealed class HpkiCardOnVirtualCardTests
{
    public static TheoryData<bool> Readers() => new(true, false);

    [Theory]
    [MemberData(nameof(Readers))]
    public void Both_certificates_read_as_the_card_holds_them(bool extendedLength)
    {
        var card = VirtualHpkiCards.Doctor();
        var channel = new VirtualCardChannel(card, extendedLength);

        var signing = HpkiCard.Open(channel, HpkiApplication.Signing).ReadCertificate();
        var authentication = HpkiCard.Open(channel, HpkiApplication.Authentication).ReadCertificate();

        Assert.Equal(card.SigningCertificate, signing);
        Assert.Equal(card.AuthenticationCertificate, authentication);
        Assert.Equal(extendedLength, channel.Commands.Any(command => command.IsExtended));
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void A_signature_verifies_with_the_certificate_key_whether_sent_extended_or_chained(bool extendedLength)
    {
        var card = VirtualHpkiCards.Doctor();
        var channel = new VirtualCardChannel(card, extendedLength);
        var digest = SHA256.HashData("処方箋"u8);

        var hpki = HpkiCard.Open(channel, HpkiApplication.Signing);
        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);
        var signature = hpki.SignDigest(digest);

        using var certificate = X509CertificateLoader.LoadCertificate(card.SigningCertificate);
        using var key = certificate.GetRSAPublicKey();
        Assert.NotNull(key);
        Assert.True(key.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var chained = channel.Commands.Where(command => (command.Cla & 0x10) != 0).ToList();
        Assert.Equal(extendedLength ? 0 : 1, chained.Count);
    }

    [Fact]
    public void The_signing_key_wants_the_pin_before_every_signature()
    {
        var channel = new VirtualCardChannel(VirtualHpkiCards.Doctor(), extendedLength: true);
        var hpki = HpkiCard.Open(channel, HpkiApplication.Signing);
        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);
        hpki.SignDigest(new byte[32]);

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => hpki.SignDigest(new byte[32]));
    }

    [Fact]
    public void The_authentication_key_signs_again_after_one_verify()
    {
        var channel = new VirtualCardChannel(VirtualHpkiCards.Doctor(), extendedLength: true);
        var hpki = HpkiCard.Open(channel, HpkiApplication.Authentication);
        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);

        Assert.Equal(256, hpki.SignDigest(new byte[32]).Length);
        Assert.Equal(256, hpki.SignDigest(new byte[32]).Length);
    }

    [Fact]
    public void A_wrong_pin_costs_exactly_one_try_on_the_card()
    {
        var card = VirtualHpkiCards.Doctor();
        var hpki = HpkiCard.Open(new VirtualCardChannel(card, extendedLength: true), HpkiApplication.Signing);

        var wrong = Assert.Throws<PinIncorrectException>(() => hpki.VerifyPin("0000", LastTryPolicy.Refuse));

        Assert.Equal(14, wrong.TriesLeft);
        Assert.Equal(14, card.SigningPinTriesLeft);
        Assert.Equal(VirtualHpkiCard.MaximumTries, card.AuthenticationPinTriesLeft);
        Assert.Equal(new PinStatus(14, 15), hpki.GetPinStatus());
    }

    [Fact]
    public void The_last_try_is_not_spent_unless_allowed()
    {
        var card = VirtualHpkiCards.OneTryFromBlocking();
        var hpki = HpkiCard.Open(new VirtualCardChannel(card, extendedLength: true), HpkiApplication.Signing);

        var refused = Assert.Throws<LastTryRefusedException>(() => hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse));
        Assert.Equal(1, refused.TriesLeft);
        Assert.Equal(1, card.SigningPinTriesLeft);

        Assert.Throws<PinBlockedException>(() => hpki.VerifyPin("0000", LastTryPolicy.Allow));
        Assert.Equal(0, card.SigningPinTriesLeft);
        Assert.True(hpki.GetPinStatus().IsBlocked);
        Assert.Throws<PinBlockedException>(() => hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Allow));
    }

    [Theory]
    [InlineData(HpkiRetryCounterQuery.RejectedAsWrongLength)]
    [InlineData(HpkiRetryCounterQuery.RejectedAsIncorrectParameters)]
    public void A_card_that_will_not_tell_its_tries_reports_them_unknown(HpkiRetryCounterQuery refusal)
    {
        var card = VirtualHpkiCards.WithoutRetryCounterQuery(refusal);
        var hpki = HpkiCard.Open(new VirtualCardChannel(card, extendedLength: true), HpkiApplication.Signing);

        Assert.False(hpki.GetPinStatus().IsKnown);
        var refused = Assert.Throws<LastTryRefusedException>(() => hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse));
        Assert.Null(refused.TriesLeft);
        Assert.Equal(new PinStatus(15, 15), hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Allow));
    }

    [Fact]
    public void A_My_Number_card_has_no_HPKI_application()
    {
        var channel = new VirtualCardChannel(OnshiDevice.Simulators.MyNumber.VirtualMyNumberCards.Standard(), extendedLength: true);

        Assert.Throws<UnsupportedCardException>(() => HpkiCard.Open(channel, HpkiApplication.Signing));
        Assert.Equal(CardType.MyNumber, CardIdentifier.Identify(channel).Type);
    }
}
