namespace OnshiDevice.Pki;

/// <summary>Why a check failed. Stable names: the gRPC contract and the CLI's JSON carry them.</summary>
public enum FailureReason
{
    /// <summary>The DER is truncated, has wrong tags, impossible lengths or trailing bytes.</summary>
    Malformed,

    /// <summary>A critical extension this verifier does not understand (RFC 5280 §4.2: reject).</summary>
    UnknownCriticalExtension,

    /// <summary>No chain of known CA certificates leads to a configured trust anchor.</summary>
    NoPathToTrustAnchor,

    /// <summary>A certificate's signature does not verify with its issuer's key.</summary>
    SignatureInvalid,

    NotYetValid,

    Expired,

    /// <summary>An issuing certificate is not a CA (basicConstraints, keyCertSign) or its path length is exceeded.</summary>
    IssuerNotCa,

    /// <summary>The end-entity key usage does not fit the purpose.</summary>
    KeyUsageMismatch,

    /// <summary>No certificate policy of the purpose is asserted.</summary>
    PolicyMismatch,

    /// <summary>The certificate breaks the JPKI or HPKI profile (algorithm, key size, subject shape).</summary>
    ProfileMismatch,

    Revoked,

    /// <summary>
    /// No configured CRL of the issuer covers the certificate (none at all, or only CRLs of another scope or delta CRLs;
    /// the detail says why each does not): revocation is unknown, never assumed good.
    /// </summary>
    CrlMissing,

    /// <summary>The issuer's CRL is past its nextUpdate at the verification time.</summary>
    CrlStale,

    /// <summary>The issuer's CRL is malformed, or its signature or issuer does not match the CA.</summary>
    CrlInvalid,

    /// <summary>An HPKI certificate has no hcRole (SubjectDirectoryAttributes 1.0.17090.0.1).</summary>
    HcRoleMissing,

    /// <summary>The hcRole attribute does not parse.</summary>
    HcRoleMalformed,

    /// <summary>The hcRole is not one the caller accepts (e.g. a pharmacist's card for a prescription).</summary>
    HcRoleNotAllowed,
}
