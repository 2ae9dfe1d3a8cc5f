using System.Globalization;

namespace OnshiDevice.Cli;

/// <summary>
/// The language `onshi` speaks: <c>--lang</c>, else <c>$ONSHI_LANG</c>, else the POSIX locale
/// (LC_ALL, LC_MESSAGES, LANG, the first one set); Japanese when it names ja, English otherwise.
/// </summary>
internal static class CliLanguage
{
    public const string OptionName = "--lang";
    public const string Variable = "ONSHI_LANG";

    public static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja");
    public static readonly CultureInfo English = CultureInfo.InvariantCulture;

    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    /// <summary>The culture for this run. A --lang that names neither language falls back to the locale: the parser then reports it.</summary>
    public static CultureInfo Resolve(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (FromArguments(args) is { } requested && Parse(requested) is { } chosen)
        {
            return chosen;
        }

        if (environment(Variable) is { Length: > 0 } fromVariable && Parse(fromVariable) is { } fromOnshi)
        {
            return fromOnshi;
        }

        // POSIX order: the first of these that is set decides, even when it says "C".
        var locale = LocaleVariables.Select(environment).FirstOrDefault(value => !string.IsNullOrEmpty(value));
        return IsJapanese(locale) ? Japanese : English;
    }

    /// <summary>"ja" or "en" (any case); null for anything else.</summary>
    public static CultureInfo? Parse(string value) =>
        value.Equals("ja", StringComparison.OrdinalIgnoreCase) ? Japanese
        : value.Equals("en", StringComparison.OrdinalIgnoreCase) ? English
        : null;

    private static bool IsJapanese(string? locale) =>
        locale is not null && (locale.Equals("ja", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("ja_", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("ja.", StringComparison.OrdinalIgnoreCase));

    private static string? FromArguments(IReadOnlyList<string> args)
    {
        for (var index = 0; index < args.Count; index++)
        {
            if (args[index] == "--")
            {
                return null;
            }

            if (args[index] == OptionName && index + 1 < args.Count)
            {
                return args[index + 1];
            }

            if (args[index].StartsWith(OptionName + "=", StringComparison.Ordinal))
            {
                return args[index][(OptionName.Length + 1)..];
            }
        }

        return null;
    }
}
