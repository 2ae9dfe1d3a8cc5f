using System.Formats.Asn1;

namespace OnshiDevice.Simulators;

/// <summary>
/// One entry of a test CRL: a certificate serial number (big-endian, as in the certificate) and
/// when it was revoked. Reason codes are left out, as RFC 5280 asks for "unspecified".
/// </summary>
public sealed record RevokedCertificate(byte[] SerialNumber, DateTimeOffset RevokedAt)
{
    /// <summary>The entry for a certificate given as DER: its serial number, revoked at <paramref name="revokedAt"/>.</summary>
    public static RevokedCertificate Of(byte[] certificate, DateTimeOffset revokedAt)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var tbs = new AsnReader(certificate, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            tbs.ReadEncodedValue();
        }

        return new RevokedCertificate(tbs.ReadIntegerBytes().ToArray(), revokedAt);
    }
}
