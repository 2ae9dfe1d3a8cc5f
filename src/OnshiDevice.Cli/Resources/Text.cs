using System.Globalization;

namespace OnshiDevice.Cli.Resources;

/// <summary>Fills a resource text's placeholders; numbers and dates inside stay culture-neutral (they are formatted before).</summary>
internal static class Text
{
    public static string Format(string template, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments);
}
