using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki;

/// <summary>
/// The one rule deciding whether a certificate's subject may be shown: a certificate that names a person's
/// name or address (the JPKI 署名用電子証明書: subject with the holder's name and locality, subjectAltName with
/// name, sex, birth date and address) is never shown, in an answer, a failure detail, a log line or CLI output.
/// Decided by the certificate's content, not by the purpose a caller asked for, so a signing certificate
/// verified "for authentication" stays hidden too. The JPKI authentication certificate (C=JP + an opaque CN)
/// and HPKI certificates (the doctor's own name, shown to the doctor) are shown.
/// </summary>
public static class PersonalSubject
{
    /// <summary>What stands in a sentence where a withheld subject would be.</summary>
    public const string Withheld = "(a certificate naming its holder: subject withheld)";

    // JPKI holder attributes in otherName: 氏名, 氏名代替文字位置, 性別, 生年月日, 住所, 住所代替文字位置 (reference §10).
    private const string JpkiHolderAttributeArc = "1.2.392.200149.8.5.5.";

    // The JPKI signing policy arc: 1.2.392.200149.8.5.1.1.20 and its generations.
    private const string JpkiSigningPolicyArc = "1.2.392.200149.8.5.1.1.";

    // The J-LIS signing CA's unit name, in every generation of the real roots and in the test roots.
    private const string JpkiSigningCaUnit = "JPKI for digital signature";

    private static readonly HashSet<string> AddressAttributes = new(StringComparer.Ordinal)
    {
        Oids.LocalityName, Oids.StateOrProvinceName, Oids.StreetAddress, Oids.PostalAddress, Oids.PostalCode,
    };

    /// <summary>True when the certificate names a person's name or address and its subject must be withheld.</summary>
    public static bool IsWithheld(DerCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);

        // CA certificates name organisations; the J-LIS signing root's own name is not a person's.
        if (certificate.IsCertificateAuthority)
        {
            return false;
        }

        if (certificate.SubjectAltNameOtherNameTypes is not { } otherNames
            || otherNames.Any(type => type.StartsWith(JpkiHolderAttributeArc, StringComparison.Ordinal)))
        {
            return true;
        }

        if (certificate.IssuerAttributes.Any(attribute => attribute.Oid == Oids.OrganizationalUnitName && attribute.Value == JpkiSigningCaUnit)
            || certificate.PolicyOids.Any(policy => policy.StartsWith(JpkiSigningPolicyArc, StringComparison.Ordinal)))
        {
            return true;
        }

        // An address in the subject is personal unless the certificate is an HPKI one (its hcRole names a
        // profession, and its holder is the doctor looking at it).
        return certificate.SubjectDirectoryAttributes is null
            && certificate.SubjectAttributes.Any(attribute => AddressAttributes.Contains(attribute.Oid));
    }

    /// <summary>The subject in RFC 4514 form, or null when it is withheld.</summary>
    public static string? Shown(DerCertificate certificate) => IsWithheld(certificate) ? null : certificate.Subject;

    /// <summary>The subject for a sentence: RFC 4514 form, or <see cref="Withheld"/>.</summary>
    public static string Describe(DerCertificate certificate) => Shown(certificate) ?? Withheld;
}
