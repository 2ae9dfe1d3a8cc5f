namespace OnshiDevice.Cards.Hpki;

/// <summary>
/// File ids and references of an HPKI application, the same in the signing and the authentication
/// application (JMA card layout, hpki-card.md A.1.2; the JAHIS example layout differs).
/// </summary>
public static class HpkiFiles
{
    /// <summary>The PIN EF (IEF); selected before the retry-counter query.</summary>
    public const ushort Pin = 0x0002;

    /// <summary>The private key EF; also the key reference MSE SET names.</summary>
    public const ushort Key = 0x000C;

    /// <summary>The end-entity certificate (DER), readable without a PIN.</summary>
    public const ushort Certificate = 0x0016;

    public static CardApplication For(HpkiApplication application) => application switch
    {
        HpkiApplication.Signing => CardApplication.HpkiSigning,
        HpkiApplication.Authentication => CardApplication.HpkiAuthentication,
        _ => throw new ArgumentOutOfRangeException(nameof(application), application, "Unknown HPKI application."),
    };
}
