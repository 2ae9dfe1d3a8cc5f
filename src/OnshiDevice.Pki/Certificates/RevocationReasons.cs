namespace OnshiDevice.Pki.Certificates;

/// <summary>ReasonFlags (RFC 5280 §4.2.1.13): bit n of the BIT STRING is flag 1 &lt;&lt; n.</summary>
[Flags]
internal enum RevocationReasons
{
    None = 0,
    Unused = 1 << 0,
    KeyCompromise = 1 << 1,
    CaCompromise = 1 << 2,
    AffiliationChanged = 1 << 3,
    Superseded = 1 << 4,
    CessationOfOperation = 1 << 5,
    CertificateHold = 1 << 6,
    PrivilegeWithdrawn = 1 << 7,
    AaCompromise = 1 << 8,

    /// <summary>Every reason a CRL can cover (bit 0 is unused): what one complete CRL must cover to decide.</summary>
    All = KeyCompromise | CaCompromise | AffiliationChanged | Superseded | CessationOfOperation | CertificateHold | PrivilegeWithdrawn | AaCompromise,
}
