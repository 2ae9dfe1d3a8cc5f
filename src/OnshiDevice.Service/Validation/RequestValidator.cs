using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Validation;

/// <summary>
/// Checks request fields before any card is touched, so a malformed request never costs a PIN try.
/// Errors name the field and never repeat a PIN value.
/// </summary>
public static class RequestValidator
{
    public const int AuthPinLength = 4;
    public const int SigningPasswordMinLength = 6;
    public const int SigningPasswordMaxLength = 16;
    public const int Sha256Length = 32;

    public static string Reader(string reader)
    {
        if (string.IsNullOrWhiteSpace(reader))
        {
            throw new RequestValidationException("reader", "A reader name is required.");
        }

        return reader;
    }

    public static PinKind PinKindOf(PinKind kind, string field)
    {
        if (kind is not (PinKind.JpkiAuthPin or PinKind.JpkiSigningPassword))
        {
            throw new RequestValidationException(field, "A PIN kind (JPKI_AUTH_PIN or JPKI_SIGNING_PASSWORD) is required.");
        }

        return kind;
    }

    public static CertificateKind CertificateKindOf(CertificateKind kind)
    {
        if (kind is not (CertificateKind.JpkiAuth or CertificateKind.JpkiAuthCa or CertificateKind.JpkiSigning or CertificateKind.JpkiSigningCa))
        {
            throw new RequestValidationException("kind", "A certificate kind is required.");
        }

        return kind;
    }

    public static KeyKind KeyKindOf(KeyKind kind)
    {
        if (kind is not (KeyKind.JpkiAuthKey or KeyKind.JpkiSigningKey))
        {
            throw new RequestValidationException("key", "A key kind (JPKI_AUTH_KEY or JPKI_SIGNING_KEY) is required.");
        }

        return kind;
    }

    public static byte[] Sha256Digest(Google.Protobuf.ByteString digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != Sha256Length)
        {
            throw new RequestValidationException("sha256_digest", $"A SHA-256 digest is exactly {Sha256Length} bytes; got {digest.Length}.");
        }

        return digest.ToByteArray();
    }

    /// <summary>The PIN in the form the card compares: auth PIN as given, signing password upper-cased.</summary>
    public static string Pin(PinKind kind, string pin, string field = "pin")
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (pin.Length == 0)
        {
            throw new RequestValidationException(field, "A PIN is required for this call.", ErrorReasons.InvalidPinFormat);
        }

        switch (kind)
        {
            case PinKind.JpkiAuthPin:
                if (pin.Length != AuthPinLength || !pin.All(char.IsAsciiDigit))
                {
                    throw new RequestValidationException(field, $"The auth PIN is {AuthPinLength} digits.", ErrorReasons.InvalidPinFormat);
                }

                return pin;
            case PinKind.JpkiSigningPassword:
                if (pin.Length is < SigningPasswordMinLength or > SigningPasswordMaxLength || !pin.All(char.IsAsciiLetterOrDigit))
                {
                    throw new RequestValidationException(
                        field,
                        $"The signing password is {SigningPasswordMinLength} to {SigningPasswordMaxLength} letters A-Z or digits.",
                        ErrorReasons.InvalidPinFormat);
                }

                return pin.ToUpperInvariant();
            default:
                throw new RequestValidationException("pin_kind", "A PIN kind is required.");
        }
    }

    /// <summary>A PIN travels only in the request that needs it: one sent where none is needed is refused.</summary>
    public static void NoPin(string pin, string why)
    {
        if (!string.IsNullOrEmpty(pin))
        {
            throw new RequestValidationException("pin", why);
        }
    }
}
