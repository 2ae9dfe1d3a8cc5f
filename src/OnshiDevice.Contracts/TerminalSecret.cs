namespace OnshiDevice.Contracts;

/// <summary>
/// How the programs (the <c>onshi</c> CLI's PINs, <c>onshi-device</c>'s CA passphrases) read a secret typed on a
/// terminal: one rule for both, so neither echoes a character of it. Enter ends it; Backspace takes back one
/// character; control keys are ignored.
/// </summary>
public static class TerminalSecret
{
    /// <summary>A reader of secrets from this process's terminal, or null when input is redirected (no one to ask).</summary>
    public static Func<string, string?>? FromConsole() => Console.IsInputRedirected ? null : ReadWithoutEcho;

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
