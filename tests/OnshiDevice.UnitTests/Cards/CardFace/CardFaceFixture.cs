using System.Security.Cryptography;
using OnshiDevice.Simulators.Keys;
using OnshiDevice.Simulators.MyNumber.CardFace;
using Org.BouncyCastle.Crypto.Parameters;

namespace OnshiDevice.UnitTests.Cards.CardFace;

/// <summary>A card-face file laid out by the simulator's layout with fixed keys, and the APDUs the 券面事項確認AP code sends.</summary>
internal static class CardFaceFixture
{
    public const string SelectCardFaceAp = "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02";
    public const string SelectNumberB = "00 A4 02 0C 02 00 12";
    public const string SelectCardFaceFile = "00 A4 02 0C 02 00 02";
    public const string QueryRetryCounter = "00 20 00 80";
    public const string ReadExtended = "00 B0 00 00 00 00 00";
    public const string Ok = "90 00";
    public const string NumberB = "55021720352285";

    private const string Seed = "unit-tests-card-face";

    public static RsaPrivateCrtKeyParameters IssuerKey { get; } = Key("issuer");

    public static RsaPrivateCrtKeyParameters OtherIssuerKey { get; } = Key("other-issuer");

    public static RsaPrivateCrtKeyParameters ApKey { get; } = Key("ap");

    public static byte[] Photo { get; } = [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 13))];

    public static CardFaceContent Content { get; } = new(
        "19800217"u8.ToArray(),
        "1"u8.ToArray(),
        Enumerable.Repeat((byte)0xA1, 200).ToArray(),
        Enumerable.Repeat((byte)0xA2, 300).ToArray(),
        Photo,
        "20350217"u8.ToArray(),
        Enumerable.Repeat((byte)0xA3, 40).ToArray());

    public static byte[] ValidFile(RsaPrivateCrtKeyParameters? signWith = null) => CardFaceLayout.Build(Content, PublicOf(ApKey), signWith ?? IssuerKey);

    public static RSA Rsa(RsaKeyParameters key)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = key.Modulus.ToByteArrayUnsigned(), Exponent = key.Exponent.ToByteArrayUnsigned() });
        return rsa;
    }

    public static RsaKeyParameters PublicOf(RsaPrivateCrtKeyParameters key) => new(false, key.Modulus, key.PublicExponent);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static RsaPrivateCrtKeyParameters Key(string label) => (RsaPrivateCrtKeyParameters)TestKeyCache.Default.RsaKeyPair(Seed, label).Private;
}
