namespace OnshiDevice.Cards.MyNumber;

public enum JpkiCertificateKind
{
    /// <summary>利用者証明用電子証明書 (EF 000A), no PIN.</summary>
    Auth,

    /// <summary>利用者証明用CA証明書 (EF 000B).</summary>
    AuthCa,

    /// <summary>署名用電子証明書 (EF 0001), after the signing password.</summary>
    Signing,

    /// <summary>署名用CA証明書 (EF 0002).</summary>
    SigningCa,
}
