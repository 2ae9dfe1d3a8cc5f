using OnshiDevice.Cards.Errors;

namespace OnshiDevice.Cards.Hpki;

/// <summary>
/// The HPKI PIN rule (JAHIS: ASCII, 4 to 16 characters), checked before anything reaches the card so a
/// typo never costs one of the 15 tries. Exception messages describe the rule, never the value.
/// </summary>
public static class HpkiPinFormat
{
    public const int MinLength = 4;
    public const int MaxLength = 16;

    private const char FirstPrintable = '\x21';
    private const char LastPrintable = '\x7E';

    private static readonly string Rule = $"The HPKI PIN is {MinLength} to {MaxLength} of the ASCII characters ! to ~ (letters, digits and symbols; no space).";

    /// <summary>
    /// Validates <paramref name="value"/> (printable ASCII 21-7E, no space) and returns the bytes the card
    /// expects, unchanged. The caller owns the buffer and should clear it after use.
    /// </summary>
    public static byte[] Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Encode(value.AsSpan());
    }

    /// <summary>As <see cref="Encode(string)"/>, for a value held in a wipeable buffer instead of a string.</summary>
    public static byte[] Encode(ReadOnlySpan<char> value)
    {
        if (value.Length is < MinLength or > MaxLength)
        {
            throw new InvalidPinFormatException(Rule);
        }

        var bytes = new byte[value.Length];
        for (var index = 0; index < value.Length; index++)
        {
            if (value[index] is < FirstPrintable or > LastPrintable)
            {
                Array.Clear(bytes);
                throw new InvalidPinFormatException(Rule);
            }

            bytes[index] = (byte)value[index];
        }

        return bytes;
    }
}
