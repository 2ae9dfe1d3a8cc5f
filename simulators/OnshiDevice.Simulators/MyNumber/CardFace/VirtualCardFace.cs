using OnshiDevice.Simulators.Keys;
using Org.BouncyCastle.Crypto.Parameters;

namespace OnshiDevice.Simulators.MyNumber.CardFace;

/// <summary>
/// The 券面事項確認AP of every simulated card: the issuer key that signs the card face, the AP's own key, and the
/// EF 0002 they make, from the deterministic test key cache like the JPKI keys. The file is built once per process
/// per variant (good, or signed by a key that is not the issuer's).
/// </summary>
internal static class VirtualCardFace
{
    private const string Seed = TestJpkiHierarchy.DefaultSeed;

    private static readonly Lazy<RsaPrivateCrtKeyParameters> Issuer = new(() => Key("card-face/issuer"));
    private static readonly Lazy<RsaPrivateCrtKeyParameters> Application = new(() => Key("card-face/ap"));
    private static readonly Lazy<RsaPrivateCrtKeyParameters> Impostor = new(() => Key("card-face/impostor"));
    private static readonly Lazy<byte[]> GoodFile = new(() => Build(IssuerKey));
    private static readonly Lazy<byte[]> ImpostorSignedFile = new(() => Build(ImpostorKey));

    public static RsaPrivateCrtKeyParameters IssuerKey => Issuer.Value;

    public static RsaPrivateCrtKeyParameters ApplicationKey => Application.Value;

    /// <summary>A key that is neither: it signs the card face or the challenge of the faulty cards.</summary>
    public static RsaPrivateCrtKeyParameters ImpostorKey => Impostor.Value;

    /// <summary>EF 0002; a fresh copy each call.</summary>
    public static byte[] File(bool signedByImpostor) => (signedByImpostor ? ImpostorSignedFile : GoodFile).Value.ToArray();

    private static byte[] Build(RsaPrivateCrtKeyParameters signWith)
    {
        var content = new CardFaceContent(
            "19800217"u8.ToArray(),
            "1"u8.ToArray(),
            SimulatedFacePhoto.TextImage(96, 16),
            SimulatedFacePhoto.TextImage(160, 16),
            SimulatedFacePhoto.Jpeg2000,
            "20300217"u8.ToArray(),
            SimulatedFacePhoto.TextImage(24, 12));
        return CardFaceLayout.Build(content, new RsaKeyParameters(false, ApplicationKey.Modulus, ApplicationKey.PublicExponent), signWith);
    }

    private static RsaPrivateCrtKeyParameters Key(string label) => (RsaPrivateCrtKeyParameters)TestKeyCache.Default.RsaKeyPair(Seed, label).Private;
}
