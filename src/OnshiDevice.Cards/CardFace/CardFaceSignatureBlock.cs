using System.Numerics;
using System.Security.Cryptography;
using OnshiDevice.Cards.Hpki;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// The issuer's card-face signature block: EMSA-PKCS1-v1_5 of a SHA-256 DigestInfo whose OCTET STRING holds the three
/// 32-byte hashes (96 bytes) instead of one. Both the simulator (signing) and the host (checking) build it here.
/// </summary>
public static class CardFaceSignatureBlock
{
    public const int SignedHashesLength = 3 * 32;

    // SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (96) }.
    private static readonly byte[] Prefix =
    [
        0x30, 0x71, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x60,
    ];

    /// <summary>The DigestInfo the issuer signs.</summary>
    public static byte[] DigestInfo(ReadOnlySpan<byte> signedHashes)
    {
        if (signedHashes.Length != SignedHashesLength)
        {
            throw new ArgumentException($"The card face signs {SignedHashesLength} bytes of hashes; got {signedHashes.Length}.", nameof(signedHashes));
        }

        var digestInfo = new byte[Prefix.Length + SignedHashesLength];
        Prefix.CopyTo(digestInfo, 0);
        signedHashes.CopyTo(digestInfo.AsSpan(Prefix.Length));
        return digestInfo;
    }

    public static bool Verifies(RSAParameters publicKey, ReadOnlySpan<byte> signedHashes, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Modulus is not { Length: > 0 } modulusBytes || publicKey.Exponent is not { Length: > 0 } exponentBytes || signature.Length != modulusBytes.Length)
        {
            return false;
        }

        var modulus = new BigInteger(modulusBytes, isUnsigned: true, isBigEndian: true);
        var value = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (value >= modulus)
        {
            return false;
        }

        var opened = BigInteger.ModPow(value, new BigInteger(exponentBytes, isUnsigned: true, isBigEndian: true), modulus);
        var block = new byte[modulusBytes.Length];
        if (!opened.TryWriteBytes(block.AsSpan(block.Length - opened.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true))
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Pkcs1SignatureBlock.Encode(DigestInfo(signedHashes), modulusBytes.Length);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(block, expected);
    }
}
