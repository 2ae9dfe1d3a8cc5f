namespace OnshiDevice.Cli;

/// <summary>
/// Widths as a terminal shows them: East Asian wide and full-width characters (漢字, かな, ＡＢＣ) take two columns,
/// so tables and labels are padded by display width, not by <see cref="string.Length"/>.
/// </summary>
internal static class TerminalColumns
{
    public static int Width(string text)
    {
        var width = 0;
        foreach (var character in text)
        {
            width += IsWide(character) ? 2 : 1;
        }

        return width;
    }

    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Width(text)));

    // The East Asian Width "W" and "F" blocks of the Basic Multilingual Plane.
    private static bool IsWide(char character) => character is
        (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\u303E') or (>= '\u3041' and <= '\u33FF')
        or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uA000' and <= '\uA4CF')
        or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F')
        or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');
}
