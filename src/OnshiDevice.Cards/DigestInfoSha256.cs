namespace OnshiDevice.Cards;

/// <summary>
/// DER DigestInfo for SHA-256 (RFC 8017 §9.2 note 1). Both cards sign a DigestInfo, never a bare hash:
/// the JPKI card pads what it is given, the HPKI card wants it already padded by the host.
/// </summary>
public static class DigestInfoSha256
{
    public const int DigestLength = 32;

    private static readonly byte[] Prefix =
    [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ];

    public static byte[] Wrap(ReadOnlySpan<byte> sha256Digest)
    {
        if (sha256Digest.Length != DigestLength)
        {
            throw new ArgumentException($"A SHA-256 digest has {DigestLength} bytes; got {sha256Digest.Length}.", nameof(sha256Digest));
        }

        var digestInfo = new byte[Prefix.Length + DigestLength];
        Prefix.CopyTo(digestInfo, 0);
        sha256Digest.CopyTo(digestInfo.AsSpan(Prefix.Length));
        return digestInfo;
    }
}
