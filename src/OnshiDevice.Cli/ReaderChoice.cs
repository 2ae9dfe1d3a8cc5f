using System.Globalization;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli;

/// <summary>
/// Which reader a --reader means: its full name, else an index as `onshi readers` numbers them (0, 1, ...),
/// else the one name that contains it (case-insensitive). Two or more names containing it, or none, are one
/// line listing them, so the user never needs the full name of a long PC/SC reader name.
/// </summary>
internal static class ReaderChoice
{
    public static string Resolve(string given, IReadOnlyList<string> readers)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(readers);
        if (readers.Contains(given, StringComparer.Ordinal))
        {
            return given;
        }

        if (int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < readers.Count
                ? readers[index]
                : throw new CliException(Text.Format(Errors.ReaderIndexOutOfRange, given, Listed(readers)), ErrorReason.ReaderNotFound);
        }

        var matches = readers.Where(name => name.Contains(given, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CliException(Text.Format(Errors.ReaderNoMatch, given, Listed(readers)), ErrorReason.ReaderNotFound),
            _ => throw new CliException(Text.Format(Errors.ReaderAmbiguous, given, string.Join(", ", matches))),
        };
    }

    private static string Listed(IReadOnlyList<string> readers) =>
        readers.Count == 0 ? Errors.NoReadersConnected : string.Join(", ", readers.Select((name, index) => $"{index.ToString(CultureInfo.InvariantCulture)}: {name}"));
}
