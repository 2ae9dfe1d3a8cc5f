using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>The command line's short names for contract enums.</summary>
internal static class Names
{
    public static readonly string[] CertificateKinds = ["auth", "auth-ca", "signing", "signing-ca", "hpki-signing", "hpki-auth"];
    public static readonly string[] PinKinds = ["auth", "signing", "hpki-signing", "hpki-auth"];
    public static readonly string[] Purposes = ["jpki-auth", "jpki-signing", "hpki-signing", "hpki-auth"];

    public static CertificateKind Certificate(string name) => name switch
    {
        "auth" => CertificateKind.JpkiAuth,
        "auth-ca" => CertificateKind.JpkiAuthCa,
        "signing" => CertificateKind.JpkiSigning,
        "signing-ca" => CertificateKind.JpkiSigningCa,
        "hpki-signing" => CertificateKind.HpkiSigning,
        "hpki-auth" => CertificateKind.HpkiAuth,
        _ => throw new CliException($"unknown certificate kind \"{name}\""),
    };

    public static PinKind Pin(string name) => name switch
    {
        "auth" => PinKind.JpkiAuthPin,
        "signing" => PinKind.JpkiSigningPassword,
        "hpki-signing" => PinKind.HpkiSigningPin,
        "hpki-auth" => PinKind.HpkiAuthPin,
        _ => throw new CliException($"unknown PIN kind \"{name}\""),
    };

    public static CertificatePurpose Purpose(string name) => name switch
    {
        "jpki-auth" => CertificatePurpose.JpkiAuthentication,
        "jpki-signing" => CertificatePurpose.JpkiSigning,
        "hpki-signing" => CertificatePurpose.HpkiSigning,
        "hpki-auth" => CertificatePurpose.HpkiAuthentication,
        _ => throw new CliException($"unknown purpose \"{name}\""),
    };

    public static string Of(CardType type) => type switch
    {
        CardType.MyNumber => Resources.Card.TypeMyNumber,
        CardType.Hpki => Resources.Card.TypeHpki,
        _ => Resources.Card.TypeUnknown,
    };
}
