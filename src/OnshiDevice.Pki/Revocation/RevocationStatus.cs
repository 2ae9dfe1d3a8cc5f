namespace OnshiDevice.Pki.Revocation;

public enum RevocationStatus
{
    /// <summary>Every certificate of the path was checked against a fresh, valid CRL of its issuer.</summary>
    Good,

    Revoked,

    /// <summary>A CRL of the path is missing, stale, invalid or does not cover a certificate: never reported as good.</summary>
    Unknown,

    /// <summary>
    /// The path itself is not trusted (no path to an anchor of the purpose, a bad signature, a certificate outside
    /// its validity, a CA constraint broken, an unknown critical extension, malformed DER), so no CRL was consulted:
    /// a CRL cannot vouch for a certificate whose chain does not hold.
    /// </summary>
    NotChecked,
}
