namespace OnshiDevice.Simulators;

/// <summary>
/// What a test CRL's issuingDistributionPoint says, relative to the shape the real PKI gives that CRL
/// (<see cref="AsIssued"/>). The other values make the CRLs a verifier must not use for a certificate.
/// </summary>
public enum CrlScope
{
    /// <summary>As the real PKI issues it: a critical IDP with the distribution point the certificates name and onlyContainsUserCerts or onlyContainsCACerts.</summary>
    AsIssued,

    /// <summary>No issuingDistributionPoint: the CRL covers every certificate of its issuer.</summary>
    WholeIssuer,

    /// <summary>onlyContainsUserCerts and onlyContainsCACerts swapped: a CA's CRL for end entities claims to cover only CAs, and so on.</summary>
    WrongCertificateKind,

    /// <summary>onlyContainsAttributeCerts instead: it covers no public-key certificate.</summary>
    AttributeCertificatesOnly,

    /// <summary>onlySomeReasons keyCompromise and cACompromise: it cannot decide alone.</summary>
    SomeReasonsOnly,

    /// <summary>indirectCRL TRUE.</summary>
    Indirect,

    /// <summary>The same flags, but a distribution point (a URI under .invalid) no certificate names.</summary>
    OtherDistributionPoint,
}
