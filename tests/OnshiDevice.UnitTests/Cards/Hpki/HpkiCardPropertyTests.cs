using CsCheck;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards.Hpki;

/// <summary>
/// Whatever an HPKI card answers, the card code succeeds or throws a typed card/ISO error within a
/// bounded number of APDUs, and a VerifyPin never sends more than one VERIFY carrying the PIN.
/// </summary>
public sealed class HpkiCardPropertyTests
{
    // SELECT AP, SELECT EF, MSE or one extended READ/PSO, then at most 128 short READs or two chain parts;
    // each may be followed by one 6Cxx re-send and up to 64 GET RESPONSE rounds.
    private const int MaxApdus = (2 + ResponseChainingChannel.MaxGetResponseRounds) * (4 + 128);

    private static readonly Gen<ushort> InterestingStatusWord = Gen.OneOf<ushort>(
        Gen.OneOf<ushort>(0x9000, 0x6300, 0x6700, 0x6A86, 0x6D00, 0x6B00, 0x6982, 0x6983, 0x6984, 0x6A82, 0x6884, 0x6F00, 0x63C0),
        Gen.Byte.Select(b => (ushort)(0x6100 | b)),
        Gen.Byte.Select(b => (ushort)(0x6C00 | b)),
        Gen.Byte.Select(b => (ushort)(0x63C0 | (b & 0x0F))),
        Gen.UShort);

    private static readonly Gen<byte[]> ResponseData = Gen.OneOf<byte[]>(
        Gen.Byte.Array[0, 300],
        Gen.Byte.Array[256],
        Gen.Select(Gen.Int[0, 0x9000], Gen.Byte.Array[0, 300], (length, rest) => new byte[] { 0x30, 0x82, (byte)(length >> 8), (byte)length }.Concat(rest).ToArray()),
        Gen.Byte.Array[0, 2]);

    private static readonly Gen<byte[]> Response = Gen.Frequency<byte[]>(
        (10, Gen.Select(ResponseData, InterestingStatusWord, (data, sw) => data.Append((byte)(sw >> 8)).Append((byte)sw).ToArray())),
        (1, Gen.Byte.Array[0, 3]));

    private static readonly Gen<(List<byte[]> Responses, bool Extended, HpkiApplication Application)> Card =
        Gen.Select(Response.List[1, 12], Gen.Bool, Gen.Enum<HpkiApplication>());

    [Fact]
    public void ReadCertificate_succeeds_or_throws_a_typed_error() => Card.Sample((responses, extended, application) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var certificate = RunTyped(channel, application, card => card.ReadCertificate());
        if (certificate is not null)
        {
            Assert.Equal(0x30, certificate[0]);
        }
    });

    [Fact]
    public void GetPinStatus_succeeds_or_throws_a_typed_error_and_never_sends_a_PIN() => Card.Sample((responses, extended, application) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var status = RunTyped(channel, application, card => card.GetPinStatus());
        if (status is not null)
        {
            Assert.Equal(HpkiCard.MaxTries, status.MaxTries);
            Assert.True(status.TriesLeft is null or >= 0 and <= HpkiCard.MaxTries);
        }

        Assert.DoesNotContain(channel.Sent, command => command.Ins == 0x20 && command.Nc > 0);
    });

    [Fact]
    public void VerifyPin_succeeds_or_throws_a_typed_error_and_sends_at_most_one_VERIFY_with_the_PIN() =>
        Gen.Select(Card, Gen.Enum<LastTryPolicy>()).Sample((card, policy) =>
        {
            var channel = new RandomCardChannel(card.Responses, card.Extended);
            RunTyped(channel, card.Application, hpkiCard => hpkiCard.VerifyPin("5678", policy));
            var verifies = channel.Sent.Where(command => command.Ins == 0x20 && command.Nc > 0).ToList();
            Assert.InRange(verifies.Count, 0, 1);
            Assert.All(verifies, command => Assert.Equal(0x88, command.P2));
        });

    [Fact]
    public void SignDigest_succeeds_or_throws_a_typed_error_and_returns_256_bytes() => Card.Sample((responses, extended, application) =>
    {
        var channel = new RandomCardChannel(responses, extended);
        var signature = RunTyped(channel, application, card => card.SignDigest(new byte[32]));
        if (signature is not null)
        {
            Assert.Equal(256, signature.Length);
        }

        Assert.True(extended || channel.Sent.All(command => !command.IsExtended), "An extended APDU was sent on a short-only channel.");
    });

    private static T? RunTyped<T>(RandomCardChannel channel, HpkiApplication application, Func<HpkiCard, T> operation)
        where T : class
    {
        try
        {
            return operation(HpkiCard.Open(channel, application));
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
