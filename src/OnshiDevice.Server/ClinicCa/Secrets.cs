using System.Security.Cryptography;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.Server.ClinicCa;

/// <summary>
/// Where the CA passphrase and the PKCS#12 password come from: a file named by an option (its first line), an
/// environment variable, or the terminal. Never an argument: arguments show in the process list and shell history.
/// </summary>
internal static class Secrets
{
    public const string PassphraseVariable = "ONSHI_CA_PASSPHRASE";
    public const string Pkcs12PasswordVariable = "ONSHI_P12_PASSWORD";

    /// <summary>The CA passphrase; <paramref name="confirm"/> asks twice on a terminal (a new CA).</summary>
    public static string CaPassphrase(AdminConsole console, string? file, bool confirm)
    {
        if (FromFileOrEnvironment(console, file, PassphraseVariable, "--passphrase-file") is { } given)
        {
            return given;
        }

        if (console.ReadSecretFromTerminal is not { } ask)
        {
            throw new ClinicCaException($"the CA passphrase is needed: give --passphrase-file FILE or ${PassphraseVariable}, or run on a terminal");
        }

        var first = ask("CA passphrase: ") ?? "";
        if (confirm && ask("CA passphrase again: ") != first)
        {
            throw new ClinicCaException("the two passphrases differ");
        }

        return first;
    }

    /// <summary>The PKCS#12 password given, or null to generate one (printed once).</summary>
    public static string? Pkcs12Password(AdminConsole console, string? file) =>
        FromFileOrEnvironment(console, file, Pkcs12PasswordVariable, "--p12-password-file");

    /// <summary>A new password of 20 characters from an alphabet without look-alikes (about 100 bits).</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    private static string? FromFileOrEnvironment(AdminConsole console, string? file, string variable, string option)
    {
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new ClinicCaException($"{option} {file} does not exist");
            }

            var line = File.ReadLines(file).FirstOrDefault() ?? "";
            return line.Length > 0 ? line : throw new ClinicCaException($"{option} {file} is empty");
        }

        return console.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }
}
