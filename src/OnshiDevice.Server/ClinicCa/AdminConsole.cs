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
        ReadSecretFromTerminal = Console.IsInputRedirected ? null : ReadWithoutEcho,
    };

    private static string ReadWithoutEcho(string prompt)
    {
        Console.Error.Write(prompt);
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                secret.Length = Math.Max(0, secret.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return secret.ToString();
    }
}
