namespace OnshiDevice.Server.ClinicCa;

/// <summary>The console the CA and client commands use, replaceable so tests run them in-process.</summary>
internal sealed class AdminConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Reads a secret typed on a terminal without echo; null when there is no terminal to ask.</summary>
    public Func<string, string?>? ReadSecretFromTerminal { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public static AdminConsole FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        ReadSecretFromTerminal = OnshiDevice.Contracts.TerminalSecret.FromConsole(),
    };
}
