using System.Globalization;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Service.Cards;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Validation;

/// <summary>
/// Checks request fields before any card is touched, so a malformed request never costs a PIN try.
/// Errors name the field and never repeat a field's value (not even a reader name): a message
/// travels in the response trailers, and an echoed field could make them too large to deliver.
/// Every string, bytes and repeated field of every request has its maximum here; docs/ERRORS.md
/// ("Limits") lists them and the proto comments state them.
/// </summary>
public static class RequestValidator
{
    /// <summary>
    /// The largest request message the service reads (grpc-dotnet's MaxReceiveMessageSize). A
    /// Certificates.Verify request with every field at its maximum (nine certificates of 64 KiB and
    /// 32 roles of 128 characters) is about 590 KiB, so every request within the field limits fits.
    /// </summary>
    public const int MaxRequestMessageBytes = 1024 * 1024;

    /// <summary>Characters (Unicode code points) of a reader name.</summary>
    public const int MaxReaderNameLength = 256;

    /// <summary>The longest PIN any card kind accepts (the signing password and the HPKI PINs: 16).</summary>
    public const int MaxPinLength = 16;
    public const int Sha256Length = 32;
    public const int MaxCertificateBytes = 64 * 1024;
    public const int MaxIntermediates = 8;
    public const int MaxHcRoles = 32;
    public const int MaxHcRoleLength = 128;

    public static string Reader(string reader)
    {
        if (string.IsNullOrWhiteSpace(reader))
        {
            throw new RequestValidationException("reader", "A reader name is required.");
        }

        if (!IsAtMost(reader, MaxReaderNameLength))
        {
            throw new RequestValidationException("reader", $"A reader name is at most {MaxReaderNameLength} characters.");
        }

        // PC/SC reader names are printable; a NUL would cut the name short on its way to the native call.
        if (reader.Any(char.IsControl))
        {
            throw new RequestValidationException("reader", "A reader name has no control characters.");
        }

        return reader;
    }

    /// <summary>A face reader's id by the one rule of <see cref="CheckIns.FaceReaderIds"/>.</summary>
    public static string FaceReader(string faceReader, string field = "face_reader")
    {
        if (!CheckIns.FaceReaderIds.IsValid(faceReader))
        {
            throw new RequestValidationException(field, $"A face reader id is {CheckIns.FaceReaderIds.Rule}.");
        }

        return faceReader;
    }

    /// <summary>
    /// 照合番号B by the card layer's rule (<see cref="OnshiDevice.Cards.CardFace.CardFaceNumberBFormat"/>), as an entry the caller
    /// owns and disposes; the request's string is the only other copy.
    /// </summary>
    public static SecretEntry CardFaceNumber(string number, string field = "card_face_number")
    {
        ArgumentNullException.ThrowIfNull(number);
        if (number.Length == 0)
        {
            throw new RequestValidationException(field, "照合番号B is required.", ErrorReasons.InvalidPinFormat);
        }

        byte[] ascii;
        try
        {
            ascii = OnshiDevice.Cards.CardFace.CardFaceNumberBFormat.Encode(number);
        }
        catch (InvalidPinFormatException invalid)
        {
            throw new RequestValidationException(field, invalid.Message, ErrorReasons.InvalidPinFormat);
        }

        try
        {
            return SecretEntry.Copy(ascii);
        }
        finally
        {
            Array.Clear(ascii);
        }
    }

    public static PinKind PinKindOf(PinKind kind, string field)
    {
        if (kind is not (PinKind.JpkiAuthPin or PinKind.JpkiSigningPassword or PinKind.HpkiSigningPin or PinKind.HpkiAuthPin))
        {
            throw new RequestValidationException(field, "A PIN kind (JPKI_AUTH_PIN, JPKI_SIGNING_PASSWORD, HPKI_SIGNING_PIN or HPKI_AUTH_PIN) is required.");
        }

        return kind;
    }

    public static CertificateKind CertificateKindOf(CertificateKind kind)
    {
        if (kind is not (CertificateKind.JpkiAuth or CertificateKind.JpkiAuthCa or CertificateKind.JpkiSigning or CertificateKind.JpkiSigningCa
            or CertificateKind.HpkiSigning or CertificateKind.HpkiAuth))
        {
            throw new RequestValidationException("kind", "A certificate kind is required.");
        }

        return kind;
    }

    public static KeyKind KeyKindOf(KeyKind kind)
    {
        if (kind is not (KeyKind.JpkiAuthKey or KeyKind.JpkiSigningKey or KeyKind.HpkiSigningKey or KeyKind.HpkiAuthKey))
        {
            throw new RequestValidationException("key", "A key kind (JPKI_AUTH_KEY, JPKI_SIGNING_KEY, HPKI_SIGNING_KEY or HPKI_AUTH_KEY) is required.");
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

    /// <summary>
    /// The PIN in the form the card compares (auth PIN as given, signing password upper-cased), checked
    /// against the card layer's <see cref="PinFormat"/> of its kind; an unvalidated kind is an error.
    /// </summary>
    public static string Pin(PinKind kind, string pin, string field = "pin")
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (pin.Length == 0)
        {
            throw new RequestValidationException(field, "A PIN is required for this call.", ErrorReasons.InvalidPinFormat);
        }

        // No card kind takes a longer PIN, so a longer one is a PIN-format error like any other.
        if (pin.Length > MaxPinLength)
        {
            throw new RequestValidationException(field, $"A PIN is at most {MaxPinLength} characters.", ErrorReasons.InvalidPinFormat);
        }

        // The rule itself is the card layer's, the same one the card checks before its VERIFY.
        var format = ContractMapping.PinFormatOf(PinKindOf(kind, "pin_kind"));
        try
        {
            return format.Canonical(pin);
        }
        catch (InvalidPinFormatException invalid)
        {
            throw new RequestValidationException(field, invalid.Message, ErrorReasons.InvalidPinFormat);
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

    /// <summary>A certificate to verify: present and of a sane size (its content is the verifier's to judge).</summary>
    public static byte[] CertificateDer(Google.Protobuf.ByteString der, string field)
    {
        ArgumentNullException.ThrowIfNull(der);
        if (der.IsEmpty)
        {
            throw new RequestValidationException(field, "A DER certificate is required.");
        }

        if (der.Length > MaxCertificateBytes)
        {
            throw new RequestValidationException(field, $"A certificate is at most {MaxCertificateBytes} bytes; got {der.Length}.");
        }

        return der.ToByteArray();
    }

    public static CertificatePurpose CertificatePurposeOf(CertificatePurpose purpose)
    {
        if (purpose is not (CertificatePurpose.JpkiAuthentication or CertificatePurpose.JpkiSigning
            or CertificatePurpose.HpkiSigning or CertificatePurpose.HpkiAuthentication))
        {
            throw new RequestValidationException("purpose", "A purpose (JPKI_AUTHENTICATION, JPKI_SIGNING, HPKI_SIGNING or HPKI_AUTHENTICATION) is required.");
        }

        return purpose;
    }

    /// <summary>An optional point in time; null when unset.</summary>
    public static DateTimeOffset? OptionalTime(Google.Protobuf.WellKnownTypes.Timestamp? time, string field)
    {
        if (time is null)
        {
            return null;
        }

        // Timestamp's own range is years 1 to 9999; outside it ToDateTimeOffset throws.
        if (time.Seconds is < -62135596800 or > 253402300799 || time.Nanos is < 0 or > 999_999_999)
        {
            throw new RequestValidationException(field, "The time is outside the years 0001 to 9999.");
        }

        return time.ToDateTimeOffset();
    }

    /// <summary>
    /// Offered CA certificates: at most <see cref="MaxIntermediates"/>, each a well-formed X.509
    /// certificate of at most <see cref="MaxCertificateBytes"/>. A garbage one is the caller's mistake
    /// and is named (<c>intermediates[i]</c>), not silently left out of path building.
    /// </summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Intermediates(IReadOnlyList<Google.Protobuf.ByteString> intermediates)
    {
        ArgumentNullException.ThrowIfNull(intermediates);
        if (intermediates.Count > MaxIntermediates)
        {
            throw new RequestValidationException("intermediates", $"At most {MaxIntermediates} intermediate certificates; got {intermediates.Count}.");
        }

        var accepted = new ReadOnlyMemory<byte>[intermediates.Count];
        for (var index = 0; index < intermediates.Count; index++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"intermediates[{index}]");
            var der = CertificateDer(intermediates[index], field);
            try
            {
                DerCertificate.Parse(der);
            }
            catch (MalformedCertificateException)
            {
                throw new RequestValidationException(field, "An intermediate certificate is not a well-formed X.509 DER certificate.");
            }

            accepted[index] = der;
        }

        return accepted;
    }

    public static IReadOnlyList<string> HcRoles(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count > MaxHcRoles)
        {
            throw new RequestValidationException("allowed_hc_roles", $"At most {MaxHcRoles} roles; got {roles.Count}.");
        }

        for (var index = 0; index < roles.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(roles[index]) || !IsAtMost(roles[index], MaxHcRoleLength))
            {
                throw new RequestValidationException(
                    string.Create(CultureInfo.InvariantCulture, $"allowed_hc_roles[{index}]"), $"A role is 1 to {MaxHcRoleLength} characters.");
            }
        }

        return roles.ToArray();
    }

    // Characters are Unicode code points, as a client in any language counts them; protobuf strings are
    // valid UTF-8 (anything else never gets this far), so there are no lone surrogates to count.
    private static bool IsAtMost(string text, int maxCharacters) =>
        text.Length <= maxCharacters || (text.Length <= 2 * maxCharacters && text.EnumerateRunes().Count() <= maxCharacters);
}
