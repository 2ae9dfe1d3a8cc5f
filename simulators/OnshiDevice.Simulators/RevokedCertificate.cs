using System.Formats.Asn1;

namespace OnshiDevice.Simulators;

/// <summary>
/// One entry of a test CRL: a certificate serial number (big-endian, as in the certificate) and when it
/// was revoked. The entry extensions are optional and absent by default, as the reasonCode is for
/// "unspecified" (RFC 5280 §5.3.1).
/// </summary>
public sealed record RevokedCertificate(byte[] SerialNumber, DateTimeOffset RevokedAt)
{
    /// <summary>reasonCode (CRLReason 1–10 except 7); null: no reasonCode extension.</summary>
    public int? Reason { get; init; }

    /// <summary>invalidityDate; null: none.</summary>
    public DateTimeOffset? InvalidityDate { get; init; }

    /// <summary>certificateIssuer (critical, a directoryName; Name DER) as an indirect CRL has it; null: none.</summary>
    public byte[]? CertificateIssuerName { get; init; }

    /// <summary>An extra critical entry extension of an OID no verifier knows; for tests of "unknown critical entry extension".</summary>
    public string? UnknownCriticalExtensionOid { get; init; }

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
