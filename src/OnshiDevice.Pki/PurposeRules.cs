using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki;

/// <summary>
/// The end-entity rules of each purpose (reference mynumber-card.md §10, hpki-card.md A.2): required key
/// usage, the production policy OID, and whether the HPKI hcRole applies.
/// </summary>
internal static class PurposeRules
{
    public const string JpkiAuthenticationPolicy = "1.2.392.200149.8.5.1.3.30";
    public const string JpkiSigningPolicy = "1.2.392.200149.8.5.1.1.20";
    public const string HpkiSigningPolicy = "1.2.392.100495.1.5.1.1.0.1";
    public const string HpkiAuthenticationPolicy = "1.2.392.100495.1.5.1.2.0.1";

    public static string Policy(CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.JpkiAuthentication => JpkiAuthenticationPolicy,
        CertificatePurpose.JpkiSigning => JpkiSigningPolicy,
        CertificatePurpose.HpkiSigning => HpkiSigningPolicy,
        CertificatePurpose.HpkiAuthentication => HpkiAuthenticationPolicy,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "unknown purpose"),
    };

    public static bool IsHpki(CertificatePurpose purpose) =>
        purpose is CertificatePurpose.HpkiSigning or CertificatePurpose.HpkiAuthentication;

    /// <summary>Null when the key usage fits; else why not.</summary>
    public static string? CheckKeyUsage(CertificatePurpose purpose, DerCertificate certificate)
    {
        if (certificate.KeyUsage is not { } usage)
        {
            return "The certificate has no keyUsage extension.";
        }

        var critical = certificate.FindExtension(Oids.KeyUsage)?.Critical == true;
        return purpose switch
        {
            CertificatePurpose.JpkiAuthentication when !usage.HasFlag(KeyUsageFlags.DigitalSignature) =>
                $"JPKI authentication needs digitalSignature; keyUsage is {usage}.",
            CertificatePurpose.JpkiSigning when !usage.HasFlag(KeyUsageFlags.NonRepudiation) =>
                $"JPKI signing needs nonRepudiation; keyUsage is {usage}.",
            CertificatePurpose.HpkiSigning when !usage.HasFlag(KeyUsageFlags.NonRepudiation) =>
                $"HPKI signing needs nonRepudiation; keyUsage is {usage}.",
            CertificatePurpose.HpkiSigning when !critical =>
                "HPKI signing needs the keyUsage extension marked critical.",
            CertificatePurpose.HpkiAuthentication when !usage.HasFlag(KeyUsageFlags.DigitalSignature) =>
                $"HPKI authentication needs digitalSignature; keyUsage is {usage}.",
            _ => null,
        };
    }
}
