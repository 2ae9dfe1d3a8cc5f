using System.Security.Cryptography;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// What this service keeps of the card-face file (EF 0002): the photo (DF27, JPEG 2000), the AP's public key (DF24),
/// and what the issuer's signature (DF28) needs: the three SHA-256s it covers, computed while parsing. Name, address,
/// birth date, sex and expiry were wiped with the file. The holder disposes it, which wipes the photo.
/// </summary>
public sealed class CardFaceFile : IDisposable
{
    private readonly byte[] _photo;
    private readonly byte[] _signedHashes;
    private readonly byte[] _signature;

    internal CardFaceFile(byte[] photo, CardFacePublicKey publicKey, byte[] signedHashes, byte[] signature)
    {
        _photo = photo;
        PublicKey = publicKey;
        _signedHashes = signedHashes;
        _signature = signature;
    }

    /// <summary>DF27 as the chip holds it (JPEG 2000); valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Photo => _photo;

    /// <summary>DF24, the AP's own key.</summary>
    public CardFacePublicKey PublicKey { get; }

    /// <summary>SHA-256(DF22‖DF23‖DF24) ‖ SHA-256(DF25‖DF26) ‖ SHA-256(DF27), each over the whole TLVs.</summary>
    public ReadOnlyMemory<byte> SignedHashes => _signedHashes;

    /// <summary>
    /// Whether DF28 is <paramref name="issuerKey"/>'s PKCS#1 v1.5 signature over DigestInfo(SHA-256) holding the three
    /// hashes (mynumber-card.md §6.2). The block is checked with the raw public-key operation because the platform's
    /// verifiers insist on a 32-byte hash. A wrong length or a key of another size is a false.
    /// </summary>
    public bool IsSignedBy(RSA issuerKey)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        var parameters = issuerKey.ExportParameters(includePrivateParameters: false);
        return CardFaceSignatureBlock.Verifies(parameters, _signedHashes, _signature);
    }

    /// <summary>Hands the photo to a holder of its own; this object's copy is wiped.</summary>
    public byte[] TakePhoto()
    {
        var copy = _photo.ToArray();
        CryptographicOperations.ZeroMemory(_photo);
        return copy;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_photo);
}
