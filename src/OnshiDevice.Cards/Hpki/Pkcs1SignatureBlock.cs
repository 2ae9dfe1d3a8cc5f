namespace OnshiDevice.Cards.Hpki;

/// <summary>
/// EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2): 00 01 FF..FF 00 DigestInfo, as long as the modulus. The
/// HPKI card applies the raw private-key operation, so the host pads (JAHIS C.6.1 "パディングはカード外で行う").
/// </summary>
public static class Pkcs1SignatureBlock
{
    /// <summary>RSA-2048: the key length of the HPKI cards (hpki-card.md A.1.4).</summary>
    public const int Rsa2048Length = 256;

    /// <summary>RFC 8017 §9.2 step 3: at least 8 bytes of FF padding, plus 00 01 and the 00 separator.</summary>
    private const int MinOverhead = 11;

    public static byte[] Encode(ReadOnlySpan<byte> digestInfo, int length = Rsa2048Length)
    {
        if (digestInfo.IsEmpty || digestInfo.Length > length - MinOverhead)
        {
            throw new ArgumentException($"A DigestInfo of {digestInfo.Length} bytes does not fit a {length}-byte PKCS#1 v1.5 block.", nameof(digestInfo));
        }

        var block = new byte[length];
        var separator = length - digestInfo.Length - 1;
        block[1] = 0x01;
        block.AsSpan(2, separator - 2).Fill(0xFF);
        digestInfo.CopyTo(block.AsSpan(separator + 1));
        return block;
    }
}
