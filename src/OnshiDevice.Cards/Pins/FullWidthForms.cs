namespace OnshiDevice.Cards.Pins;

/// <summary>
/// A PIN typed with the Japanese input method still on arrives in full-width forms (０１２３, ＡＢＣ). This is the
/// NFKC mapping of exactly those forms to the ASCII characters they stand for: U+FF01–U+FF5E to U+0021–U+007E
/// and the ideographic space U+3000 to U+0020. Nothing else is mapped. The rest of NFKC would turn characters
/// nobody types as a PIN into accepted ones (², ①, 𝟏, ﬁ, Ⅻ), and other scripts' digits (٣, ३), which NFKC
/// leaves alone, stay what they are, so the format rule refuses them. (.NET's own Normalize is a no-op under
/// InvariantGlobalization, which the programs use: the mapping is spelled out here.)
/// </summary>
internal static class FullWidthForms
{
    private const char FirstFullWidth = '\uFF01';
    private const char LastFullWidth = '\uFF5E';
    private const char IdeographicSpace = '\u3000';
    private const int Distance = FirstFullWidth - '!';

    /// <summary><paramref name="value"/> with every full-width form replaced by its ASCII character; the same instance when it has none.</summary>
    public static string ToHalfWidth(string value)
    {
        if (value.AsSpan().IndexOfAnyInRange(FirstFullWidth, LastFullWidth) < 0 && !value.Contains(IdeographicSpace, StringComparison.Ordinal))
        {
            return value;
        }

        return string.Create(value.Length, value, static (destination, source) =>
        {
            for (var index = 0; index < source.Length; index++)
            {
                destination[index] = source[index] switch
                {
                    >= FirstFullWidth and <= LastFullWidth => (char)(source[index] - Distance),
                    IdeographicSpace => ' ',
                    var other => other,
                };
            }
        });
    }
}
