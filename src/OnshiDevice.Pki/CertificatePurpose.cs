namespace OnshiDevice.Pki;

/// <summary>What a certificate is being accepted for; each purpose has its own key usage, policy and profile rules.</summary>
public enum CertificatePurpose
{
    /// <summary>JPKI 利用者証明用電子証明書: a patient proves it is their card.</summary>
    JpkiAuthentication,

    /// <summary>JPKI 署名用電子証明書.</summary>
    JpkiSigning,

    /// <summary>HPKI 署名用: electronic prescriptions (nonRepudiation, hcRole).</summary>
    HpkiSigning,

    /// <summary>HPKI 認証用 (individual authentication).</summary>
    HpkiAuthentication,
}
