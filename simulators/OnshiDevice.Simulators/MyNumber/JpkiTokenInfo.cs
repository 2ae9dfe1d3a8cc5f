using System.Buffers.Binary;
using System.Text;

namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// EF 0006 of the JPKI AP: a 160-byte PKCS#11 CK_TOKEN_INFO with big-endian integers
/// (reference §4.1; field values from a real card as quoted there).
/// </summary>
internal static class JpkiTokenInfo
{
    public const string MyNumberCardLabel = "JPKIAPICCTOKEN2";

    public static byte[] Build()
    {
        var info = new byte[160];
        var span = info.AsSpan();
        Text(span[..32], MyNumberCardLabel);
        Text(span.Slice(32, 32), new string('0', 31) + "1");
        Text(span.Slice(64, 16), "E16R01NJ");
        Text(span.Slice(80, 16), string.Empty);
        var numbers = span.Slice(96, 44);
        BinaryPrimitives.WriteUInt32BigEndian(numbers[0..], 0x40D);   // flags
        BinaryPrimitives.WriteUInt32BigEndian(numbers[20..], 16);     // ulMaxPinLen
        BinaryPrimitives.WriteUInt32BigEndian(numbers[24..], 6);      // ulMinPinLen
        Text(span.Slice(140, 2), "03");                                // hardwareVersion
        Text(span.Slice(142, 2), "01");                                // firmwareVersion
        Text(span.Slice(144, 16), string.Empty);                       // utcTime
        return info;
    }

    // CK_UTF8CHAR fields are space-padded, not NUL-terminated.
    private static void Text(Span<byte> field, string value)
    {
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(value).AsSpan(0, Math.Min(value.Length, field.Length)).CopyTo(field);
    }
}
