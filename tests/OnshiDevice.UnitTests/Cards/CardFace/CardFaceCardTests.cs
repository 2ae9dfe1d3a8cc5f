using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Cards;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using static OnshiDevice.UnitTests.Cards.CardFace.CardFaceFixture;

namespace OnshiDevice.UnitTests.Cards.CardFace;

public sealed class CardFaceCardTests
{
    private static readonly string VerifyNumberB = "00 20 00 80 0E " + Hex(Encoding.ASCII.GetBytes(NumberB));

    [Theory]
    [InlineData("5502172035228")]
    [InlineData("550217203522851")]
    [InlineData("5502172035228A")]
    [InlineData("55021720352 85")]
    public void A_badly_formed_number_B_is_refused_before_any_APDU_and_never_echoed(string value)
    {
        var card = new ScriptedApduChannel().Expect(SelectCardFaceAp, Ok);
        using var entry = Entry(value);

        var exception = Assert.Throws<InvalidPinFormatException>(() => CardFaceCard.Open(card).VerifyNumberB(entry, LastTryPolicy.Allow));

        Assert.Single(card.Sent);
        Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_correct_number_B_is_verified_once_after_the_status_query()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63CA")
            .Expect(VerifyNumberB, Ok);
        using var entry = Entry(NumberB);

        var status = CardFaceCard.Open(card).VerifyNumberB(entry, LastTryPolicy.Refuse);

        Assert.Equal(new PinStatus(10, 10), status);
        card.AssertFinished();
        Assert.Equal(NumberB.Length, entry.Length);
    }

    [Fact]
    public void A_wrong_number_B_reports_the_tries_left()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63C5")
            .Expect(VerifyNumberB, "63C4");
        using var entry = Entry(NumberB);

        var exception = Assert.Throws<PinIncorrectException>(() => CardFaceCard.Open(card).VerifyNumberB(entry, LastTryPolicy.Refuse));

        Assert.Equal(4, exception.TriesLeft);
        card.AssertFinished();
    }

    [Fact]
    public void The_last_try_is_refused_unless_the_request_allows_it()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63C1");
        using var entry = Entry(NumberB);

        Assert.Throws<LastTryRefusedException>(() => CardFaceCard.Open(card).VerifyNumberB(entry, LastTryPolicy.Refuse));
        card.AssertFinished();

        var allowing = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63C1")
            .Expect(VerifyNumberB, Ok);
        Assert.Equal(new PinStatus(10, 10), CardFaceCard.Open(allowing).VerifyNumberB(entry, LastTryPolicy.Allow));
    }

    [Fact]
    public void A_blocked_number_B_is_not_tried()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63C0");
        using var entry = Entry(NumberB);

        Assert.Throws<PinBlockedException>(() => CardFaceCard.Open(card).VerifyNumberB(entry, LastTryPolicy.Allow));
        card.AssertFinished();
    }

    [Fact]
    public void The_tries_left_are_read_without_spending_one()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectNumberB, Ok)
            .Expect(QueryRetryCounter, "63C7");

        Assert.Equal(new PinStatus(7, 10), CardFaceCard.Open(card).GetNumberBStatus());
        card.AssertFinished();
    }

    [Fact]
    public void A_card_without_the_application_is_unsupported()
    {
        var card = new ScriptedApduChannel().Expect(SelectCardFaceAp, "6A82");

        Assert.Throws<UnsupportedCardException>(() => CardFaceCard.Open(card));
    }

    [Fact]
    public void The_card_face_is_read_from_EF_0002_and_kept_to_the_photo_and_key()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectCardFaceFile, Ok)
            .Expect(ReadExtended, Hex(ValidFile()) + "9000");

        using var face = CardFaceCard.Open(card).ReadCardFace();

        Assert.Equal(Photo, face.Photo.ToArray());
        card.AssertFinished();
    }

    [Fact]
    public void Reading_the_card_face_before_number_B_is_a_security_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectCardFaceFile, Ok)
            .Expect(ReadExtended, "6982");

        Assert.ThrowsAny<CardException>(() => CardFaceCard.Open(card).ReadCardFace());
    }

    [Fact]
    public void The_AP_key_signs_the_challenge_and_the_host_checks_it_with_DF24()
    {
        var challenge = RandomNumberGenerator.GetBytes(32);
        var digestInfo = DigestInfoSha256.Wrap(SHA256.HashData(challenge));
        var signature = SignRaw(digestInfo);
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect(SelectCardFaceFile, Ok)
            .Expect(ReadExtended, Hex(ValidFile()) + "9000")
            .Expect("80 2A 00 00 33 " + Hex(digestInfo) + " 00", Hex(signature) + "9000");
        var cardFace = CardFaceCard.Open(card);
        using var face = cardFace.ReadCardFace();

        var answered = cardFace.SignChallenge(challenge);

        Assert.True(face.PublicKey.Verifies(challenge, answered));
        Assert.False(face.PublicKey.Verifies(RandomNumberGenerator.GetBytes(32), answered));
        card.AssertFinished();
    }

    [Fact]
    public void A_short_challenge_signature_is_a_protocol_error()
    {
        var challenge = new byte[16];
        var digestInfo = DigestInfoSha256.Wrap(SHA256.HashData(challenge));
        var card = new ScriptedApduChannel()
            .Expect(SelectCardFaceAp, Ok)
            .Expect("80 2A 00 00 33 " + Hex(digestInfo) + " 00", "0102039000");

        Assert.Throws<CardProtocolException>(() => CardFaceCard.Open(card).SignChallenge(challenge));
    }

    private static SecretEntry Entry(string value) => SecretEntry.Copy(Encoding.ASCII.GetBytes(value));

    private static byte[] SignRaw(byte[] digestInfo)
    {
        var rsa = new Pkcs1Encoding(new RsaEngine());
        rsa.Init(true, ApKey);
        return rsa.ProcessBlock(digestInfo, 0, digestInfo.Length);
    }
}
