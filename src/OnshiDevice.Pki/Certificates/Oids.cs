namespace OnshiDevice.Pki.Certificates;

/// <summary>Object identifiers the parser and the verifier act on.</summary>
internal static class Oids
{
    public const string RsaEncryption = "1.2.840.113549.1.1.1";
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";

    public const string KeyUsage = "2.5.29.15";
    public const string BasicConstraints = "2.5.29.19";
    public const string CertificatePolicies = "2.5.29.32";
    public const string SubjectKeyIdentifier = "2.5.29.14";
    public const string AuthorityKeyIdentifier = "2.5.29.35";
    public const string SubjectAltName = "2.5.29.17";
    public const string IssuerAltName = "2.5.29.18";
    public const string CrlDistributionPoints = "2.5.29.31";
    public const string SubjectDirectoryAttributes = "2.5.29.9";
    public const string ExtendedKeyUsage = "2.5.29.37";
    public const string PolicyConstraints = "2.5.29.36";

    public const string CrlNumber = "2.5.29.20";
    public const string ReasonCode = "2.5.29.21";
    public const string InvalidityDate = "2.5.29.24";
    public const string DeltaCrlIndicator = "2.5.29.27";
    public const string IssuingDistributionPoint = "2.5.29.28";
    public const string CertificateIssuer = "2.5.29.29";
    public const string FreshestCrl = "2.5.29.46";

    public const string CountryName = "2.5.4.6";
    public const string CommonName = "2.5.4.3";
    public const string OrganizationalUnitName = "2.5.4.11";
    public const string LocalityName = "2.5.4.7";
    public const string StateOrProvinceName = "2.5.4.8";
    public const string StreetAddress = "2.5.4.9";
    public const string PostalAddress = "2.5.4.16";
    public const string PostalCode = "2.5.4.17";
}
