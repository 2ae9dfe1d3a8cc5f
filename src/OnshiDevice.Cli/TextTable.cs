namespace OnshiDevice.Cli;

/// <summary>A table for people: columns padded by display width (full-width characters count twice), the last one left as it is.</summary>
internal static class TextTable
{
    public static async Task WriteAsync(TextWriter output, string[] headings, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, headings.Length - 1)
            .Select(column => Math.Max(DisplayWidth.Of(headings[column]), rows.Max(line => DisplayWidth.Of(line[column]))))
            .ToArray();
        foreach (var line in rows.Prepend(headings))
        {
            var padded = line.Take(widths.Length).Select((cell, column) => DisplayWidth.PadRight(cell, widths[column]));
            await output.WriteLineAsync(string.Join("  ", padded.Append(line[^1])));
        }
    }
}
