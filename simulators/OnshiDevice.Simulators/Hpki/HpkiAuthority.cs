namespace OnshiDevice.Simulators.Hpki;

/// <summary>The three CAs of the test HPKI hierarchy, each of which issues a CRL.</summary>
public enum HpkiAuthority
{
    /// <summary>The MHLW-like self-signed root; it certifies the two CAs below.</summary>
    Root,

    /// <summary>The JMA-like CA for signing (nonRepudiation) certificates.</summary>
    Signing,

    /// <summary>The JMA-like CA for authentication certificates.</summary>
    Authentication,
}
