using System.Text.RegularExpressions;

namespace OnshiDevice.UnitTests.Cli;

/// <summary>
/// No document and no help text of `onshi` shows a PIN going in through a command line: not `echo PIN |`, not a
/// here-string, not a PIN as an argument. A command line is seen by every user of the machine (ps, the shell's
/// history); a script gives the PIN on standard input from a file only its user can read.
/// </summary>
public sealed partial class PinAdviceInDocsTests
{
    public static TheoryData<string> Texts()
    {
        var root = RepositoryFiles.Root;
        var data = new TheoryData<string>();
        var files = new[] { "README.md", "CHANGELOG.md" }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)))
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "OnshiDevice.Cli", "Resources"), "*.resx").Select(path => Path.GetRelativePath(root, path)));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void No_text_shows_a_PIN_on_a_command_line(string relativePath)
    {
        var offending = RepositoryFiles.ReadAllText(relativePath)
            .Split('\n')
            .Where(Offends)
            .ToList();

        Assert.True(offending.Count == 0, $"{relativePath} shows a PIN on a command line:\n{string.Join("\n", offending)}");
    }

    [Theory]
    [InlineData("echo 5678 | dotnet run --project src/OnshiDevice.Cli -- hpki check --json", true)]
    [InlineData("echo \"$PIN\" | onshi hpki check", true)]
    [InlineData("onshi hpki check <<< \"$PIN\"", true)]
    [InlineData("printf '%s\\n' \"$PIN\" | onshi hpki check", true)]
    [InlineData("onshi hpki check --pin 5678", true)]
    [InlineData("onshi hpki check < ~/.onshi/pin      # a file only its user can read", false)]
    [InlineData("onshi hpki check                 # asks for the PIN without echo", false)]
    [InlineData("| `hpki-doctor` | HPKI | `5678` (15 tries) | passes `onshi hpki check` |", false)]
    public void The_rule_tells_a_pin_on_a_command_line_from_one_on_standard_input(string line, bool offends) =>
        Assert.Equal(offends, Offends(line));

    // A table row (the simulated cards and their PINs) is not a command line.
    private static bool Offends(string line) => !line.TrimStart().StartsWith('|') && CallsTheCli().IsMatch(line) && PinOnTheCommandLine().IsMatch(line);

    [GeneratedRegex(@"\bonshi\b|OnshiDevice\.Cli")]
    private static partial Regex CallsTheCli();

    // echo/printf into a pipe, a here-string, a --pin option, or a simulated card's PIN written on the line.
    [GeneratedRegex(@"\b(echo|printf)\b[^|#]*\||<<<|--pin\b|--password\b|(?<![\w-])(5678|1234|ABC123)(?![\w-])")]
    private static partial Regex PinOnTheCommandLine();
}
