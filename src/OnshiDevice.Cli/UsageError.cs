using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli;

/// <summary>
/// The one line a command line that does not parse becomes (exit code 1): a mistyped command or option
/// names the nearest one; any other mistake is the parser's first error and the `--help` of the command.
/// </summary>
internal static partial class UsageError
{
    public const string ProgramName = "onshi";

    public static string Describe(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var command = parseResult.CommandResult;
        var path = CommandPath(command);
        if (parseResult.UnmatchedTokens.Count > 0 && Suggestion(parseResult.UnmatchedTokens[0], command, path) is { } suggestion)
        {
            return suggestion;
        }

        // An option's or argument's own error says more than the command's ("Required command was not provided").
        var error = parseResult.Errors.FirstOrDefault(candidate => candidate.SymbolResult is not CommandResult) ?? parseResult.Errors.FirstOrDefault();
        var message = error is null ? Errors.UsageUnknown : OneLine(error.Message);
        return Text.Format(Errors.UsageLine, message, path);
    }

    /// <summary>A usage failure found after parsing (an address or a file the CLI refuses), with the same hint.</summary>
    public static string Describe(ParseResult parseResult, CliException usage)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(usage);
        return Text.Format(Errors.UsageLine, usage.Message, CommandPath(parseResult.CommandResult));
    }

    private static string? Suggestion(string typed, CommandResult command, string path)
    {
        if (typed.StartsWith('-'))
        {
            var options = OptionsOf(command).SelectMany(option => option.Aliases.Prepend(option.Name)).Where(name => name.StartsWith("--", StringComparison.Ordinal));
            var nearestOption = NearestNames.Of(typed.Split('=')[0], options);
            return nearestOption.Count == 0 ? null : Text.Format(Errors.UnknownOption, typed, string.Join(" | ", nearestOption), path);
        }

        var subcommands = command.Command.Subcommands.Where(subcommand => !subcommand.Hidden).SelectMany(subcommand => subcommand.Aliases.Prepend(subcommand.Name));
        var nearest = NearestNames.Of(typed, subcommands);
        return nearest.Count == 0
            ? command.Command.Subcommands.Count > 0 ? Text.Format(Errors.UsageLine, Text.Format(Errors.UnknownCommand, typed, path), path) : null
            : Text.Format(Errors.UnknownCommandNearest, typed, string.Join(" | ", nearest.Select(name => $"{path} {name}")));
    }

    // The command's own options and the recursive ones of the commands above it (--reader, --address, ...).
    private static IEnumerable<Option> OptionsOf(CommandResult command)
    {
        foreach (var option in command.Command.Options)
        {
            yield return option;
        }

        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(option => option.Recursive))
            {
                yield return option;
            }
        }
    }

    // "onshi cert read": the root's own name is the executable's, which in tests is the test host.
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parent as CommandResult)
        {
            names.Add(current.Parent is null ? ProgramName : current.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    // The parser lists allowed values on lines of their own; the CLI promises one line.
    private static string OneLine(string message) => LineBreaks().Replace(message.Trim(), " ");

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();
}
