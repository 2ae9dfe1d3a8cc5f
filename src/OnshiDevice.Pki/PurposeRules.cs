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
    public const string HpkiSigningCaPolicy = "1.2.392.100495.1.5.1.1.3.1";
    public const string HpkiAuthenticationCaPolicy = "1.2.392.100495.1.5.1.2.3.1";
    public const string AnyPolicy = "2.5.29.32.0";

    /// <summary>For people: "JPKI authentication", "HPKI signing", ...</summary>
    public static string Describe(CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.JpkiAuthentication => "JPKI authentication",
        CertificatePurpose.JpkiSigning => "JPKI signing",
        CertificatePurpose.HpkiSigning => "HPKI signing",
        CertificatePurpose.HpkiAuthentication => "HPKI authentication",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "unknown purpose"),
    };

    /// <summary>
    /// The policy every CA certificate between the end entity and the anchor must assert (or anyPolicy), so an
    /// HPKI authentication CA cannot complete a signing path (reference hpki-card.md A.2.1: the MHLW root certifies
    /// both kinds of CA); null when the purpose sets none (the JPKI roots issue end entities directly).
    /// </summary>
    public static string? CaPolicy(CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.HpkiSigning => HpkiSigningCaPolicy,
        CertificatePurpose.HpkiAuthentication => HpkiAuthenticationCaPolicy,
        CertificatePurpose.JpkiAuthentication or CertificatePurpose.JpkiSigning => null,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "unknown purpose"),
    };

    /// <summary>Whether <paramref name="ca"/> may stand between an end entity and an anchor of <paramref name="purpose"/>.</summary>
    public static bool MayIssueFor(CertificatePurpose purpose, DerCertificate ca) =>
        CaPolicy(purpose) is not { } required || ca.PolicyOids.Contains(required) || ca.PolicyOids.Contains(AnyPolicy);

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
