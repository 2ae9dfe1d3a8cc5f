using CsCheck;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>Whatever a card answers, the card code succeeds or throws a typed card/ISO error, within a bounded number of APDUs.</summary>
public sealed class CardPropertyTests
{
    // SELECT AP, SELECT EF, one extended READ, then at most 128 short READs; each may be followed
    // by one 6Cxx re-send and up to 64 GET RESPONSE rounds.
    private const int MaxApdus = (2 + ResponseChainingChannel.MaxGetResponseRounds) * (3 + 128);

    private static readonly Gen<ushort> InterestingStatusWord = Gen.OneOf<ushort>(
        Gen.OneOf<ushort>(0x9000, 0x6700, 0x6B00, 0x6982, 0x6984, 0x6A82, 0x6F00, 0x63C0),
        Gen.Byte.Select(b => (ushort)(0x6100 | b)),
        Gen.Byte.Select(b => (ushort)(0x6C00 | b)),
        Gen.Byte.Select(b => (ushort)(0x63C0 | (b & 0x0F))),
        Gen.UShort);

    private static readonly Gen<byte[]> ResponseData = Gen.OneOf<byte[]>(
        Gen.Byte.Array[0, 300],
        Gen.Select(Gen.Int[0, 0x9000], Gen.Byte.Array[0, 300], (length, rest) => new byte[] { 0x30, 0x82, (byte)(length >> 8), (byte)length }.Concat(rest).ToArray()),
        Gen.Byte.Array[0, 2]);

    private static readonly Gen<byte[]> Response = Gen.Frequency<byte[]>(
        (10, Gen.Select(ResponseData, InterestingStatusWord, (data, sw) => data.Append((byte)(sw >> 8)).Append((byte)sw).ToArray())),
        (1, Gen.Byte.Array[0, 3]));

    private static readonly Gen<(List<byte[]> Responses, bool Extended)> Card = Gen.Select(Response.List[1, 12], Gen.Bool);

    [Fact]
    public void ReadCertificate_succeeds_or_throws_a_typed_error() => Card.Sample((responses, extended) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var certificate = RunTyped(channel, card => card.ReadCertificate(JpkiCertificateKind.Auth));
        if (certificate is not null)
        {
            Assert.Equal(0x30, certificate[0]);
        }
    });

    [Fact]
    public void GetPinStatus_succeeds_or_throws_a_typed_error() => Card.Sample((responses, extended) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var status = RunTyped(channel, card => card.GetPinStatus(JpkiPin.SigningPassword));
        if (status is not null)
        {
            Assert.NotNull(status.TriesLeft);
            Assert.InRange(status.TriesLeft.Value, 0, status.MaxTries);
        }
    });

    [Fact]
    public void VerifyPin_succeeds_or_throws_a_typed_error_and_sends_at_most_one_VERIFY_with_data() => Card.Sample((responses, extended) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        RunTyped(channel, card => card.VerifyPin(JpkiPin.AuthPin, "1234", LastTryPolicy.Allow));
        Assert.InRange(channel.Sent.Count(command => command.Ins == 0x20 && command.Nc > 0), 0, 1);
    });

    [Fact]
    public void SignDigest_succeeds_or_throws_a_typed_error() => Card.Sample((responses, extended) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var signature = RunTyped(channel, card => card.SignDigest(JpkiKey.AuthKey, new byte[32]));
        if (signature is not null)
        {
            Assert.Equal(256, signature.Length);
        }
    });

    [Fact]
    public void Identify_succeeds_or_throws_a_typed_error() => Card.Sample((responses, extended) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        try
        {
            CardIdentifier.Identify(channel);
        }
        catch (Iso7816Exception)
        {
        }

        Assert.InRange(channel.ApduCount, 1, MaxApdus);
    });

    private static T? RunTyped<T>(RandomCardChannel channel, Func<MyNumberCard, T> operation)
        where T : class
    {
        try
        {
            return operation(MyNumberCard.Open(channel));
        }
        catch (CardException)
        {
            return null;
        }
        catch (Iso7816Exception)
        {
            return null;
        }
        finally
        {
            Assert.InRange(channel.ApduCount, 1, MaxApdus);
        }
    }
}
