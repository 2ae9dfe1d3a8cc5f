namespace OnshiDevice.Cli;

/// <summary>The console the commands write to, replaceable so tests run commands in-process.</summary>
internal sealed class CliIo
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Standard output as bytes, for DER written raw.</summary>
    public required Stream RawOut { get; init; }

    public required TextReader In { get; init; }

    /// <summary>Whether standard error is a terminal (progress lines go only there).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Reads a secret typed on a terminal without echo; null when input is not a terminal.</summary>
    public Func<string, string?>? ReadSecretFromTerminal { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The zone times are shown in (<see cref="CliTime"/>).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>How times are written for people and for machines.</summary>
    public CliTime Time => new(TimeZone);

    /// <summary>How long a call may run before a progress line is shown.</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromSeconds(1);

    public static CliIo FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        RawOut = Console.OpenStandardOutput(),
        In = Console.In,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        ReadSecretFromTerminal = OnshiDevice.Contracts.TerminalSecret.FromConsole(),
    };
}
