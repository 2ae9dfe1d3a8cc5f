using System.CommandLine.Parsing;
using System.Globalization;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli;

/// <summary>An ISO 8601 time on the command line (<c>--at</c>); anything else is one usage line with an example, not a .NET type name.</summary>
internal static class TimeArgument
{
    public static DateTimeOffset? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var time))
        {
            return time;
        }

        result.AddError(Text.Format(Errors.NotATime, token));
        return null;
    }
}
