using System.Text.RegularExpressions;

namespace OnshiDevice.ClinicCa;

/// <summary>
/// The name of a clinic client (a reception PC, the ORCA server): the certificate's common name, its file names
/// and what the audit log shows. 1 to 64 characters of ASCII letters, digits, '-', '_' and '.', starting with a
/// letter or digit, so it is safe as a file name on every system and in a log line.
/// </summary>
public sealed partial record ClientName
{
    public const int MaxLength = 64;

    private ClientName(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public static ClientName Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ClinicCaException("a client name is needed, e.g. reception-1");
        }

        if (text.Length > MaxLength)
        {
            throw new ClinicCaException($"a client name has at most {MaxLength} characters; this one has {text.Length}");
        }

        if (!Allowed().IsMatch(text))
        {
            throw new ClinicCaException("a client name may hold only ASCII letters, digits, '-', '_' and '.', and starts with a letter or digit");
        }

        return new ClientName(text);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
