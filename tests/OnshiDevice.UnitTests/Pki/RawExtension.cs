using Org.BouncyCastle.Asn1;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// Puts extension values BouncyCastle would not encode into signed DER: the extension is issued under the
/// placeholder OID 2.5.29.127 with a same-length stand-in value, and both are overwritten in the result.
/// The signature no longer verifies, which is fine for parser tests: parsing comes before any signature check.
/// </summary>
internal static class RawExtension
{
    public static readonly DerObjectIdentifier Placeholder = new("2.5.29.127");

    /// <summary>The stand-in: an OCTET STRING whose whole encoding is as long as <paramref name="value"/> (3..129 bytes).</summary>
    public static Asn1Encodable StandIn(byte[] value) => new DerOctetString(new byte[value.Length - 2]);

    /// <summary>Renames the placeholder to 2.5.29.<paramref name="lastArc"/> and writes <paramref name="value"/> over the stand-in.</summary>
    public static byte[] Patch(byte[] der, int lastArc, byte[] value)
    {
        var oid = der.AsSpan().IndexOf(new byte[] { 0x06, 0x03, 0x55, 0x1D, 0x7F });
        der[oid + 4] = (byte)lastArc;
        var header = der.AsSpan(oid).IndexOf(new byte[] { 0x04, (byte)value.Length, 0x04, (byte)(value.Length - 2) }) + oid;
        value.CopyTo(der, header + 2);
        return der;
    }
}
