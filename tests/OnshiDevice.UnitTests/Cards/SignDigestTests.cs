using System.Security.Cryptography;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using static OnshiDevice.UnitTests.Cards.JpkiApdus;

namespace OnshiDevice.UnitTests.Cards;

public sealed class SignDigestTests
{
    private static readonly byte[] Digest = SHA256.HashData("challenge"u8);

    [Theory]
    [InlineData(JpkiKey.AuthKey, SelectAuthKey)]
    [InlineData(JpkiKey.SigningKey, SelectSigningKey)]
    public void The_digest_is_sent_as_a_SHA256_DigestInfo_to_the_selected_key(JpkiKey key, string selectKey)
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(selectKey, Ok)
            .Expect($"80 2A 00 80 33 {DigestInfoSha256Prefix} {Hex(Digest)} 00", Hex(signature) + Ok);

        Assert.Equal(signature, MyNumberCard.Open(card).SignDigest(key, Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void A_digest_that_is_not_32_bytes_is_refused_before_any_APDU(int length)
    {
        var card = new ScriptedApduChannel().Expect(SelectJpki, Ok);
        var myNumberCard = MyNumberCard.Open(card);

        Assert.Throws<ArgumentException>(() => myNumberCard.SignDigest(JpkiKey.AuthKey, new byte[length]));
        Assert.Single(card.Sent);
    }

    [Fact]
    public void Signing_without_the_PIN_is_a_security_status_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthKey, Ok)
            .Expect($"80 2A 00 80 33 {DigestInfoSha256Prefix} {Hex(Digest)} 00", "6982");

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => MyNumberCard.Open(card).SignDigest(JpkiKey.AuthKey, Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData(255, "9000")]
    [InlineData(0, "9000")]
    [InlineData(0, "6A86")]
    [InlineData(0, "6985")]
    public void A_wrong_signature_length_or_status_is_a_protocol_error(int length, string statusWord)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthKey, Ok)
            .Expect($"80 2A 00 80 33 {DigestInfoSha256Prefix} {Hex(Digest)} 00", Hex(new byte[length]) + statusWord);

        Assert.Throws<CardProtocolException>(() => MyNumberCard.Open(card).SignDigest(JpkiKey.AuthKey, Digest));
        card.AssertFinished();
    }

    [Fact]
    public void A_signature_that_comes_in_61xx_pieces_is_assembled()
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel()
            .Expect(SelectJpki, Ok)
            .Expect(SelectAuthKey, Ok)
            .Expect($"80 2A 00 80 33 {DigestInfoSha256Prefix} {Hex(Digest)} 00", "6100")
            .Expect("00 C0 00 00 00", Hex(signature) + Ok);

        Assert.Equal(signature, MyNumberCard.Open(card).SignDigest(JpkiKey.AuthKey, Digest));
        card.AssertFinished();
    }
}
