using System.Formats.Asn1;
using System.Security.Cryptography;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>Builds big CRLs with AsnWriter (BouncyCastle's generator is too slow for hundreds of thousands of entries).</summary>
internal static class LargeCrl
{
    public static readonly DateTimeOffset RevokedAt = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A 16-byte serial like real CAs use (random-looking, positive).</summary>
    public static byte[] Serial(int index)
    {
        var serial = SHA256.HashData(BitConverter.GetBytes(index)).AsSpan(0, 16).ToArray();
        serial[0] = (byte)((serial[0] & 0x3F) | 0x40);
        return serial;
    }

    public static byte[] Build(RSA key, byte[] issuerName, int count, DateTimeOffset? nextUpdate = null)
    {
        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1);
            WriteAlgorithm(tbs);
            tbs.WriteEncodedValue(issuerName);
            tbs.WriteUtcTime(new DateTimeOffset(2026, 5, 20, 0, 0, 0, TimeSpan.Zero));
            tbs.WriteUtcTime(nextUpdate ?? new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero));
            tbs.WriteEncodedValue(Entries(count));
        }

        var tbsBytes = tbs.Encode();
        var signature = key.SignData(tbsBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var crl = new AsnWriter(AsnEncodingRules.DER);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(tbsBytes);
            WriteAlgorithm(crl);
            crl.WriteBitString(signature);
        }

        return crl.Encode();
    }

    /// <summary>
    /// revokedCertificates written directly: every entry has the same 35-byte shape
    /// (SEQUENCE { INTEGER 16 bytes, UTCTime }), and AsnWriter's nested pushes are quadratic at this size.
    /// </summary>
    private static byte[] Entries(int count)
    {
        const int entryLength = 35;
        var contentLength = count * entryLength;
        var lengthBytes = DerLength(contentLength);
        var entries = new byte[1 + lengthBytes.Length + contentLength];
        entries[0] = 0x30;
        lengthBytes.CopyTo(entries, 1);
        var time = "260501000000Z"u8;
        var offset = 1 + lengthBytes.Length;
        for (var index = 0; index < count; index++)
        {
            entries[offset] = 0x30;
            entries[offset + 1] = entryLength - 2;
            entries[offset + 2] = 0x02;
            entries[offset + 3] = 16;
            Serial(index).CopyTo(entries, offset + 4);
            entries[offset + 20] = 0x17;
            entries[offset + 21] = 13;
            time.CopyTo(entries.AsSpan(offset + 22));
            offset += entryLength;
        }

        return entries;
    }

    private static byte[] DerLength(int length)
    {
        if (length < 0x80)
        {
            return [(byte)length];
        }

        var bytes = new List<byte>();
        for (var rest = length; rest > 0; rest >>= 8)
        {
            bytes.Insert(0, (byte)rest);
        }

        bytes.Insert(0, (byte)(0x80 | bytes.Count));
        return [.. bytes];
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.1.11");
            writer.WriteNull();
        }
    }
}
