using Grpc.Core;

namespace OnshiDevice.IntegrationTests;

/// <summary>The (status code, ErrorInfo reason) pairs of the tables in docs/ERRORS.md: what a client may be answered.</summary>
public static class DocumentedErrors
{
    private static readonly Lazy<IReadOnlySet<(StatusCode Code, string Reason)>> PairsLazy = new(Read);

    public static IReadOnlySet<(StatusCode Code, string Reason)> Pairs => PairsLazy.Value;

    public static StatusCode ParseCode(string text) => Enum.Parse<StatusCode>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    private static HashSet<(StatusCode, string)> Read()
    {
        var pairs = new HashSet<(StatusCode, string)>();
        foreach (var line in File.ReadAllLines(Path.Combine(FieldLimitsTests.RepositoryRoot(), "docs", "ERRORS.md")))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            if (line.StartsWith('|') && cells.Length > 2 && IsConstant(cells[0]) && IsConstant(cells[1]))
            {
                pairs.Add((ParseCode(cells[0]), cells[1]));
            }
        }

        Assert.Contains((StatusCode.InvalidArgument, "INVALID_ARGUMENT"), pairs);
        return pairs;
    }

    private static bool IsConstant(string cell) => cell.Length > 1 && cell.All(character => character is >= 'A' and <= 'Z' or '_');
}
