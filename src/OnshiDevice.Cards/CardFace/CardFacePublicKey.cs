using System.Security.Cryptography;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// The 券面事項確認AP's own RSA public key as the card face carries it (DF24: 90 exponent, 91 modulus). It checks the
/// AP's signature over a challenge, which proves the chip that holds this card face is the one on the reader.
/// </summary>
public sealed class CardFacePublicKey
{
    private readonly byte[] _exponent;
    private readonly byte[] _modulus;

    public CardFacePublicKey(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus)
    {
        if (exponent.IsEmpty || modulus.IsEmpty)
        {
            throw new ArgumentException("An RSA public key has an exponent and a modulus.");
        }

        _exponent = exponent.ToArray();
        _modulus = modulus.ToArray();
    }

    public ReadOnlyMemory<byte> Exponent => _exponent;

    public ReadOnlyMemory<byte> Modulus => _modulus;

    /// <summary>
    /// Whether <paramref name="signature"/> is this key's PKCS#1 v1.5 signature over SHA-256(<paramref name="challenge"/>),
    /// what the AP answers to <c>80 2A 00 00</c> with DigestInfo(SHA-256(challenge)). A key the platform refuses is a false, never a throw.
    /// </summary>
    public bool Verifies(ReadOnlySpan<byte> challenge, ReadOnlySpan<byte> signature)
    {
        try
        {
            using var rsa = RSA.Create(new RSAParameters { Exponent = _exponent, Modulus = _modulus });
            return rsa.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override string ToString() => $"CardFacePublicKey(RSA-{_modulus.Length * 8})";
}
