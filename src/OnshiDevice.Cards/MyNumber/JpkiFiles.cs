namespace OnshiDevice.Cards.MyNumber;

/// <summary>File ids of the JPKI AP's elementary files, and the retry limits of its PINs.</summary>
public static class JpkiFiles
{
    public const ushort SigningCertificate = 0x0001;
    public const ushort SigningCaCertificate = 0x0002;
    public const ushort AuthCertificate = 0x000A;
    public const ushort AuthCaCertificate = 0x000B;
    public const ushort AuthKey = 0x0017;
    public const ushort AuthPin = 0x0018;
    public const ushort SigningKey = 0x001A;
    public const ushort SigningPassword = 0x001B;

    public const int AuthPinMaxTries = 3;
    public const int SigningPasswordMaxTries = 5;

    public static ushort For(JpkiCertificateKind kind) => kind switch
    {
        JpkiCertificateKind.Auth => AuthCertificate,
        JpkiCertificateKind.AuthCa => AuthCaCertificate,
        JpkiCertificateKind.Signing => SigningCertificate,
        JpkiCertificateKind.SigningCa => SigningCaCertificate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown certificate kind."),
    };

    public static ushort For(JpkiPin pin) => pin switch
    {
        JpkiPin.AuthPin => AuthPin,
        JpkiPin.SigningPassword => SigningPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(pin), pin, "Unknown PIN."),
    };

    public static ushort For(JpkiKey key) => key switch
    {
        JpkiKey.AuthKey => AuthKey,
        JpkiKey.SigningKey => SigningKey,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown key."),
    };

    public static int MaxTries(JpkiPin pin) => pin switch
    {
        JpkiPin.AuthPin => AuthPinMaxTries,
        JpkiPin.SigningPassword => SigningPasswordMaxTries,
        _ => throw new ArgumentOutOfRangeException(nameof(pin), pin, "Unknown PIN."),
    };
}
