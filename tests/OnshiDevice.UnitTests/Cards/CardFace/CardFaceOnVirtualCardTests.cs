using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Cards;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.UnitTests.Cards.Hpki;

namespace OnshiDevice.UnitTests.Cards.CardFace;

/// <summary>The 券面事項確認AP code against the virtual card's AP, in-process: the card face round-trips and the faults are caught.</summary>
public sealed class CardFaceOnVirtualCardTests
{
    [Fact]
    public void Number_B_opens_the_card_face_whose_signature_and_key_check_out()
    {
        var card = VirtualMyNumberCards.Standard();
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(card));
        using var entry = Entry(VirtualMyNumberCards.CardFaceNumberB);
        using var issuer = IssuerKey();
        var challenge = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(new PinStatus(10, 10), cardFace.VerifyNumberB(entry, LastTryPolicy.Refuse));
        using var face = cardFace.ReadCardFace();
        var signature = cardFace.SignChallenge(challenge);

        Assert.True(face.IsSignedBy(issuer));
        Assert.True(face.PublicKey.Verifies(challenge, signature));
        Assert.Equal(VirtualMyNumberCards.CardFacePhoto, face.Photo.ToArray());
        Assert.Equal([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A], face.Photo[..12].ToArray());
        Assert.Empty(card.PrivacyViolations);
    }

    [Fact]
    public void The_card_face_is_closed_before_number_B()
    {
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(VirtualMyNumberCards.Standard()));

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => cardFace.ReadCardFace());
    }

    [Fact]
    public void A_wrong_number_B_costs_one_try_and_a_right_one_resets_the_counter()
    {
        var card = VirtualMyNumberCards.Standard();
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(card));
        using var wrong = Entry("55021720300000");
        using var right = Entry(VirtualMyNumberCards.CardFaceNumberB);

        var exception = Assert.Throws<PinIncorrectException>(() => cardFace.VerifyNumberB(wrong, LastTryPolicy.Refuse));
        Assert.Equal(9, exception.TriesLeft);
        Assert.Equal(9, card.CardFaceNumberBTriesLeft);

        cardFace.VerifyNumberB(right, LastTryPolicy.Refuse);
        Assert.Equal(10, card.CardFaceNumberBTriesLeft);
    }

    [Fact]
    public void A_card_with_one_try_left_is_not_spent_unless_allowed()
    {
        var card = VirtualMyNumberCards.CardFaceNumberBTriesLeft(1);
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(card));
        using var entry = Entry(VirtualMyNumberCards.CardFaceNumberB);

        Assert.Equal(new PinStatus(1, 10), cardFace.GetNumberBStatus());
        Assert.Throws<LastTryRefusedException>(() => cardFace.VerifyNumberB(entry, LastTryPolicy.Refuse));
        Assert.Equal(1, card.CardFaceNumberBTriesLeft);
    }

    [Fact]
    public void A_card_without_a_JPKI_PIN_still_opens_its_card_face()
    {
        var card = VirtualMyNumberCards.WithoutJpkiPin();
        using var entry = Entry(VirtualMyNumberCards.CardFaceNumberB);

        Assert.True(OnshiDevice.Cards.MyNumber.MyNumberCard.Open(new VirtualCardChannel(card)).GetPinStatus(OnshiDevice.Cards.MyNumber.JpkiPin.AuthPin).IsBlocked);
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(card));
        cardFace.VerifyNumberB(entry, LastTryPolicy.Refuse);
        using var face = cardFace.ReadCardFace();
        Assert.False(face.Photo.IsEmpty);
    }

    [Fact]
    public void A_card_face_signed_by_another_key_is_caught()
    {
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.CardFaceSignatureMismatch)));
        using var entry = Entry(VirtualMyNumberCards.CardFaceNumberB);
        using var issuer = IssuerKey();

        cardFace.VerifyNumberB(entry, LastTryPolicy.Refuse);
        using var face = cardFace.ReadCardFace();

        Assert.False(face.IsSignedBy(issuer));
    }

    [Fact]
    public void A_chip_whose_key_is_not_the_card_face_key_is_caught()
    {
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(VirtualMyNumberCards.WithFault(VirtualMyNumberCardFault.CardFaceKeyMismatch)));
        using var entry = Entry(VirtualMyNumberCards.CardFaceNumberB);
        using var issuer = IssuerKey();
        var challenge = RandomNumberGenerator.GetBytes(32);

        cardFace.VerifyNumberB(entry, LastTryPolicy.Refuse);
        using var face = cardFace.ReadCardFace();

        Assert.True(face.IsSignedBy(issuer));
        Assert.False(face.PublicKey.Verifies(challenge, cardFace.SignChallenge(challenge)));
    }

    [Fact]
    public void The_AP_key_signs_without_any_credential()
    {
        var cardFace = CardFaceCard.Open(new VirtualCardChannel(VirtualMyNumberCards.Standard()));

        Assert.Equal(256, cardFace.SignChallenge(new byte[32]).Length);
    }

    private static SecretEntry Entry(string value) => SecretEntry.Copy(Encoding.ASCII.GetBytes(value));

    private static RSA IssuerKey()
    {
        var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(VirtualMyNumberCards.CardFaceIssuerPublicKeyInfo, out _);
        return rsa;
    }
}
