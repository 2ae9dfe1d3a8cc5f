namespace OnshiDevice.Simulators.MyNumber;

/// <summary>The applications (DFs) on a My Number card, by AID (reference §2).</summary>
internal enum MyNumberApplication
{
    /// <summary>GlobalPlatform issuer security domain: current after power-up.</summary>
    IssuerSecurityDomain,
    Jpki,
    TextInputSupport,
    CardFace,
    CommonCard,
    Juki,
}
