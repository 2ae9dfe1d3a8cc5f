namespace OnshiDevice.IntegrationTests;

/// <summary>How an in-process `onshi` run sees its console.</summary>
internal sealed record CliOptions
{
    public string Input { get; init; } = "";

    /// <summary>Standard input as a test feeds it line by line while the command runs; replaces <see cref="Input"/>.</summary>
    public TextReader? InputReader { get; init; }

    /// <summary>A terminal that answers secret prompts (no echo); null = input is not a terminal.</summary>
    public Func<string, string?>? Terminal { get; init; }

    public bool ErrorIsTerminal { get; init; }

    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromSeconds(1);

    public CancellationToken Cancellation { get; init; }

    /// <summary>The zone the CLI shows times in (by default UTC, whatever the machine's).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The environment the CLI sees (by default none: the language is English, the address the test host).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
