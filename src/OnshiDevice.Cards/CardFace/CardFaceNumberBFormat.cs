using OnshiDevice.Cards.Errors;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// The 照合番号B rule (14 ASCII digits), checked before anything reaches the card so a misread or mistyped number
/// never costs one of the 10 tries. Exception messages describe the rule, never the value.
/// </summary>
public static class CardFaceNumberBFormat
{
    public const int Length = 14;

    private static readonly string Rule = $"照合番号B is {Length} digits 0-9.";

    /// <summary>Validates <paramref name="value"/> and returns its ASCII bytes; the caller owns the buffer and clears it after use.</summary>
    public static byte[] Encode(ReadOnlySpan<char> value)
    {
        if (value.Length != Length)
        {
            throw new InvalidPinFormatException(Rule);
        }

        var bytes = new byte[Length];
        for (var index = 0; index < value.Length; index++)
        {
            if (!char.IsAsciiDigit(value[index]))
            {
                Array.Clear(bytes);
                throw new InvalidPinFormatException(Rule);
            }

            bytes[index] = (byte)value[index];
        }

        return bytes;
    }
}
