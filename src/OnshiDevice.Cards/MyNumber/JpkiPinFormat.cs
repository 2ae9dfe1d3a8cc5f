using OnshiDevice.Cards.Errors;

namespace OnshiDevice.Cards.MyNumber;

/// <summary>
/// The characters each JPKI PIN accepts, checked before anything reaches the card so a typo
/// never costs a try. Exception messages describe the rule, never the value.
/// </summary>
public static class JpkiPinFormat
{
    public const int AuthPinLength = 4;
    public const int SigningPasswordMinLength = 6;
    public const int SigningPasswordMaxLength = 16;

    private static readonly string SigningPasswordRule =
        $"The signing password is {SigningPasswordMinLength} to {SigningPasswordMaxLength} of A-Z and 0-9 (a-z is read as A-Z).";

    /// <summary>
    /// Validates <paramref name="value"/> and returns the ASCII bytes the card expects (the signing
    /// password upper-cased). The caller owns the buffer and should clear it after use.
    /// </summary>
    public static byte[] Encode(JpkiPin pin, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Encode(pin, value.AsSpan());
    }

    /// <summary>As <see cref="Encode(JpkiPin, string)"/>, for a value held in a wipeable buffer instead of a string.</summary>
    public static byte[] Encode(JpkiPin pin, ReadOnlySpan<char> value)
    {
        return pin switch
        {
            JpkiPin.AuthPin => EncodeAuthPin(value),
            JpkiPin.SigningPassword => EncodeSigningPassword(value),
            _ => throw new ArgumentOutOfRangeException(nameof(pin), pin, "Unknown PIN."),
        };
    }

    private static byte[] EncodeAuthPin(ReadOnlySpan<char> value)
    {
        if (value.Length != AuthPinLength)
        {
            throw new InvalidPinFormatException($"The auth PIN is {AuthPinLength} digits 0-9.");
        }

        var bytes = new byte[AuthPinLength];
        for (var index = 0; index < value.Length; index++)
        {
            if (!char.IsAsciiDigit(value[index]))
            {
                Array.Clear(bytes);
                throw new InvalidPinFormatException($"The auth PIN is {AuthPinLength} digits 0-9.");
            }

            bytes[index] = (byte)value[index];
        }

        return bytes;
    }

    private static byte[] EncodeSigningPassword(ReadOnlySpan<char> value)
    {
        if (value.Length is < SigningPasswordMinLength or > SigningPasswordMaxLength)
        {
            throw new InvalidPinFormatException(SigningPasswordRule);
        }

        var bytes = new byte[value.Length];
        for (var index = 0; index < value.Length; index++)
        {
            // Only ASCII letters are upper-cased: a culture-aware mapping would turn e.g. 'ı' or 'ſ'
            // into an accepted letter the user never typed.
            var character = char.IsAsciiLetterLower(value[index]) ? (char)(value[index] - ('a' - 'A')) : value[index];
            if (!char.IsAsciiLetterUpper(character) && !char.IsAsciiDigit(character))
            {
                Array.Clear(bytes);
                throw new InvalidPinFormatException(SigningPasswordRule);
            }

            bytes[index] = (byte)character;
        }

        return bytes;
    }
}
