using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Contracts.V1;
using DomainCardType = OnshiDevice.Cards.CardType;
using DomainPinStatus = OnshiDevice.Cards.PinStatus;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// Between the contract's enums and the cards layer's. Inputs are validated before they get here, and no
/// arm is a default: a value without its own arm is an error, never mapped to some PIN or application.
/// </summary>
internal static class ContractMapping
{
    public static JpkiPin ToDomain(PinKind kind) => kind switch
    {
        PinKind.JpkiAuthPin => JpkiPin.AuthPin,
        PinKind.JpkiSigningPassword => JpkiPin.SigningPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated PIN kind."),
    };

    public static JpkiCertificateKind ToDomain(CertificateKind kind) => kind switch
    {
        CertificateKind.JpkiAuth => JpkiCertificateKind.Auth,
        CertificateKind.JpkiAuthCa => JpkiCertificateKind.AuthCa,
        CertificateKind.JpkiSigning => JpkiCertificateKind.Signing,
        CertificateKind.JpkiSigningCa => JpkiCertificateKind.SigningCa,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated certificate kind."),
    };

    public static JpkiKey ToDomain(KeyKind kind) => kind switch
    {
        KeyKind.JpkiAuthKey => JpkiKey.AuthKey,
        KeyKind.JpkiSigningKey => JpkiKey.SigningKey,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated key kind."),
    };

    /// <summary>The card layer's format rule of a PIN kind, the one the card checks too.</summary>
    public static PinFormat PinFormatOf(PinKind kind) => kind switch
    {
        PinKind.JpkiAuthPin => PinFormat.JpkiAuthPin,
        PinKind.JpkiSigningPassword => PinFormat.JpkiSigningPassword,
        PinKind.HpkiSigningPin or PinKind.HpkiAuthPin => PinFormat.Hpki,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated PIN kind."),
    };

    /// <summary>The PIN that unlocks a key.</summary>
    public static PinKind PinFor(KeyKind kind) => kind switch
    {
        KeyKind.JpkiAuthKey => PinKind.JpkiAuthPin,
        KeyKind.JpkiSigningKey => PinKind.JpkiSigningPassword,
        KeyKind.HpkiSigningKey => PinKind.HpkiSigningPin,
        KeyKind.HpkiAuthKey => PinKind.HpkiAuthPin,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated key kind."),
    };

    /// <summary>The HPKI application a PIN belongs to; null for a JPKI PIN.</summary>
    public static HpkiApplication? HpkiApplicationOf(PinKind kind) => kind switch
    {
        PinKind.HpkiSigningPin => HpkiApplication.Signing,
        PinKind.HpkiAuthPin => HpkiApplication.Authentication,
        PinKind.JpkiAuthPin or PinKind.JpkiSigningPassword => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated PIN kind."),
    };

    /// <summary>The HPKI application holding a certificate; null for a JPKI certificate.</summary>
    public static HpkiApplication? HpkiApplicationOf(CertificateKind kind) => kind switch
    {
        CertificateKind.HpkiSigning => HpkiApplication.Signing,
        CertificateKind.HpkiAuth => HpkiApplication.Authentication,
        CertificateKind.JpkiAuth or CertificateKind.JpkiAuthCa or CertificateKind.JpkiSigning or CertificateKind.JpkiSigningCa => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated certificate kind."),
    };

    /// <summary>The HPKI application holding a key; null for a JPKI key.</summary>
    public static HpkiApplication? HpkiApplicationOf(KeyKind kind) => kind switch
    {
        KeyKind.HpkiSigningKey => HpkiApplication.Signing,
        KeyKind.HpkiAuthKey => HpkiApplication.Authentication,
        KeyKind.JpkiAuthKey or KeyKind.JpkiSigningKey => null,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unvalidated key kind."),
    };

    public static Contracts.V1.CardType ToContract(DomainCardType type) => type switch
    {
        DomainCardType.MyNumber => Contracts.V1.CardType.MyNumber,
        DomainCardType.Hpki => Contracts.V1.CardType.Hpki,
        DomainCardType.Unknown => Contracts.V1.CardType.Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unmapped card type."),
    };

    public static Contracts.V1.PinStatus ToContract(PinKind kind, DomainPinStatus status) => new()
    {
        PinKind = kind,
        TriesLeft = status.TriesLeft ?? 0,
        MaxTries = status.MaxTries,
        Blocked = status.IsBlocked,
        TriesLeftUnknown = !status.IsKnown,
    };
}
