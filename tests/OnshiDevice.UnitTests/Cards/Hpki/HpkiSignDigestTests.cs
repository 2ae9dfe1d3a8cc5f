using System.Numerics;
using System.Security.Cryptography;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using static OnshiDevice.UnitTests.Cards.Hpki.HpkiApdus;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class HpkiSignDigestTests
{
    private static readonly byte[] Digest = SHA256.HashData("prescription"u8);

    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    private static string ExtendedPso => $"00 2A 9E 9A 00 01 00 {PaddedBlock(Digest)} 00 00";

    private static byte[] Block => Convert.FromHexString(PaddedBlock(Digest).Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>The two short parts of the chained PSO: 255 bytes with CLA 10 and no Le, then the last byte with Le 00.</summary>
    private static string ChainedPsoFirst => $"10 2A 9E 9A FF {Hex(Block.AsSpan(0, 255))}";

    private static string ChainedPsoLast => $"00 2A 9E 9A 01 {Hex(Block.AsSpan(255, 1))} 00";

    [Theory]
    [InlineData(HpkiApplication.Signing, SelectHpkiSigning)]
    [InlineData(HpkiApplication.Authentication, SelectHpkiAuthentication)]
    public void The_key_EF_is_selected_MSE_names_key_000C_and_one_extended_PSO_signs_the_padded_block(HpkiApplication application, string select)
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel()
            .Expect(select, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ExtendedPso, Hex(signature) + Ok);

        Assert.Equal(signature, HpkiCard.Open(card, application).SignDigest(Digest));
        card.AssertFinished();
    }

    [Fact]
    public void The_whole_signing_session_sends_the_reference_APDUs()
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectPinEf, Ok)
            .Expect(QueryRetryCounter, "63CF")
            .Expect("00 20 00 88 04 35 36 37 38", Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect("00 22 41 B6 04 84 02 00 0C", Ok)
            .Expect(ExtendedPso, Hex(signature) + Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);

        hpkiCard.VerifyPin("5678", LastTryPolicy.Refuse);
        Assert.Equal(signature, hpkiCard.SignDigest(Digest));
        card.AssertFinished();
    }

    [Fact]
    public void The_card_s_raw_RSA_over_the_sent_block_is_a_PKCS1_v1_5_SHA256_signature()
    {
        var signature = RawRsa(Key.Value, Block);
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ExtendedPso, Hex(signature) + Ok);

        var returned = HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest);

        Assert.True(Key.Value.VerifyHash(Digest, returned, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        card.AssertFinished();
    }

    [Fact]
    public void A_short_only_reader_gets_the_PSO_as_a_command_chain()
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ChainedPsoFirst, Ok)
            .Expect(ChainedPsoLast, Hex(signature) + Ok);

        Assert.Equal(signature, HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));
        Assert.DoesNotContain(card.SentCommands, command => command.IsExtended);
        card.AssertFinished();
    }

    [Fact]
    public void An_extended_PSO_refused_with_6700_is_chained_at_once_and_for_the_rest_of_the_session()
    {
        var first = RandomNumberGenerator.GetBytes(256);
        var second = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ExtendedPso, "6700")
            .Expect(ChainedPsoFirst, Ok)
            .Expect(ChainedPsoLast, Hex(first) + Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ChainedPsoFirst, Ok)
            .Expect(ChainedPsoLast, Hex(second) + Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);

        Assert.Equal(first, hpkiCard.SignDigest(Digest));
        Assert.Equal(second, hpkiCard.SignDigest(Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6884", typeof(CardProtocolException))]
    [InlineData("6982", typeof(SecurityStatusNotSatisfiedException))]
    [InlineData("6700", typeof(CardProtocolException))]
    public void A_refused_chain_part_stops_the_chain(string answer, Type expected)
    {
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ChainedPsoFirst, answer);

        var exception = Assert.ThrowsAny<CardException>(() => HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));

        Assert.IsType(expected, exception);
        card.AssertFinished();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Signing_without_the_PIN_is_a_security_status_error(bool extended)
    {
        var card = new ScriptedApduChannel(supportsExtendedLength: extended)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok);
        if (extended)
        {
            card.Expect(ExtendedPso, "6982");
        }
        else
        {
            card.Expect(ChainedPsoFirst, Ok).Expect(ChainedPsoLast, "6982");
        }

        Assert.Throws<SecurityStatusNotSatisfiedException>(() => HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData("6A88")]
    [InlineData("6A80")]
    [InlineData("6F00")]
    public void A_refused_MSE_is_a_protocol_error_and_nothing_is_signed(string answer)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, answer);

        var exception = Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));

        Assert.Contains(answer, exception.Message, StringComparison.Ordinal);
        card.AssertFinished();
    }

    [Fact]
    public void A_key_EF_that_cannot_be_selected_is_a_protocol_error()
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, "6A82");

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData(255, "9000")]
    [InlineData(257, "9000")]
    [InlineData(128, "9000")]
    [InlineData(0, "9000")]
    [InlineData(0, "6A86")]
    [InlineData(0, "6985")]
    public void A_signature_of_the_wrong_length_or_a_wrong_status_is_a_protocol_error(int length, string statusWord)
    {
        var card = new ScriptedApduChannel()
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ExtendedPso, Hex(new byte[length]) + statusWord);

        Assert.Throws<CardProtocolException>(() => HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));
        card.AssertFinished();
    }

    [Fact]
    public void A_signature_that_comes_in_61xx_pieces_is_assembled()
    {
        var signature = RandomNumberGenerator.GetBytes(256);
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ChainedPsoFirst, Ok)
            .Expect(ChainedPsoLast, "6100")
            .Expect("00 C0 00 00 00", Hex(signature) + Ok);

        Assert.Equal(signature, HpkiCard.Open(card, HpkiApplication.Signing).SignDigest(Digest));
        card.AssertFinished();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(48)]
    public void A_digest_that_is_not_32_bytes_is_refused_before_any_APDU(int length)
    {
        var card = new ScriptedApduChannel().Expect(SelectHpkiSigning, Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);

        Assert.Throws<ArgumentException>(() => hpkiCard.SignDigest(new byte[length]));
        Assert.Single(card.Sent);
    }

    [Fact]
    public void Cancellation_between_the_chain_parts_stops_the_chain()
    {
        using var cancellation = new CancellationTokenSource();
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect(SelectHpkiSigning, Ok)
            .Expect(SelectKeyEf, Ok)
            .Expect(MseSetKey000C, Ok)
            .Expect(ChainedPsoFirst, Ok);
        var hpkiCard = HpkiCard.Open(card, HpkiApplication.Signing);
        card.AfterTransmit = () =>
        {
            if (card.Sent.Count == 4)
            {
                cancellation.Cancel();
            }
        };

        Assert.Throws<OperationCanceledException>(() => hpkiCard.SignDigest(Digest, cancellation.Token));
        card.AssertFinished();
    }

    /// <summary>What the card does: the private-key operation on the block as given (m^d mod n), no padding of its own.</summary>
    private static byte[] RawRsa(RSA key, byte[] block)
    {
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var modulus = new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var exponent = new BigInteger(parameters.D, isUnsigned: true, isBigEndian: true);
        var message = new BigInteger(block, isUnsigned: true, isBigEndian: true);
        var raw = BigInteger.ModPow(message, exponent, modulus).ToByteArray(isUnsigned: true, isBigEndian: true);
        var signature = new byte[256];
        raw.CopyTo(signature, 256 - raw.Length);
        return signature;
    }
}
