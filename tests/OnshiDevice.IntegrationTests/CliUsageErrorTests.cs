using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// Every bad argument of every `onshi` command (docs/ERRORS.md "CLI"): exactly one line on stderr that starts with
/// "error:" and ends with the command's `--help` (or names the nearest command or option), exit code 1, no trace,
/// and no connection opened.
/// </summary>
public sealed class CliUsageErrorTests
{
    private static readonly string Missing = Path.Combine(Path.GetTempPath(), $"onshi-missing-{Guid.NewGuid():N}", "file");

    public static TheoryData<string[], string> BadCommandLines() => new()
    {
        // Mistyped commands, subcommands and options name the nearest one.
        { ["reders"], "did you mean `onshi readers`?" },
        { ["wacth"], "did you mean `onshi watch`?" },
        { ["cert", "reed"], "did you mean `onshi cert read`?" },
        { ["cert", "verfy"], "did you mean `onshi cert verify`?" },
        { ["card", "inf"], "did you mean `onshi card info`?" },
        { ["pin", "stauts"], "did you mean `onshi pin status`?" },
        { ["hpki", "chek"], "did you mean `onshi hpki check`?" },
        { ["--reder", "x", "readers"], "did you mean `--reader`?" },
        { ["cert", "read", "--knid", "auth"], "did you mean `--kind`?" },
        { ["hpki", "check", "--allow-last-tyr"], "did you mean `--allow-last-try`?" },
        { ["xyzzy"], "(see `onshi --help`)" },
        { ["cert", "xyzzy"], "(see `onshi cert --help`)" },
        // Commands without their subcommand, stray arguments.
        { ["card"], "(see `onshi card --help`)" },
        { ["pin"], "(see `onshi pin --help`)" },
        { ["hpki"], "(see `onshi hpki --help`)" },
        { ["readers", "extra"], "(see `onshi readers --help`)" },
        { ["watch", "extra"], "(see `onshi watch --help`)" },
        { ["card", "info", "extra"], "(see `onshi card info --help`)" },
        // Options: unknown enum values, missing values, bad numbers and times, files that are not there.
        { ["cert", "read", "--kind", "xyz"], "'xyz'" },
        { ["cert", "read"], "--kind" },
        { ["cert", "read", "--kind"], "--kind" },
        { ["cert", "read", "--kind", "auth", "--pem", "--der"], "(see `onshi cert read --help`)" },
        { ["cert", "read", "--kind", "auth", "-o"], "(see `onshi cert read --help`)" },
        { ["cert", "verify", "--purpose", "hpki-auth", Missing], Missing },
        { ["cert", "verify", "--purpose", "hpki-auth"], "(see `onshi cert verify --help`)" },
        { ["cert", "verify", "--purpose", "xyz", "/etc/hostname"], "'xyz'" },
        { ["cert", "verify", "--purpose", "hpki-auth", "--at", "yesterday", "/etc/hostname"], "--at takes a time in ISO 8601" },
        { ["pin", "status", "--kind", "xyz"], "'xyz'" },
        { ["pin", "status"], "--kind" },
        { ["hpki", "check", "--role"], "--role" },
        { ["--timeout", "abc", "readers"], "--timeout takes a whole number of seconds above 0, not \"abc\"" },
        { ["--timeout", "0", "readers"], "--timeout" },
        { ["--timeout", "-5", "readers"], "--timeout" },
        { ["--timeout", "1.5", "card", "info"], "--timeout" },
        { ["--timeout", "readers"], "--timeout" },
        { ["--lang", "fr", "readers"], "--lang takes ja or en" },
        { ["--address", "ftp://127.0.0.1:50151", "readers"], "--address ftp://127.0.0.1:50151: use unix:/path" },
        { ["--address", "clinic-pc", "readers"], "--address clinic-pc: use unix:/path" },
        { ["--address", "unix:relative.sock", "readers"], "absolute path" },
        { ["--address", "http://192.0.2.1:50151", "readers"], "would send PINs unencrypted" },
        { ["--address", "192.0.2.1:50152", "readers"], "needs --client-cert" },
        { ["--client-cert", Missing, "--address", "192.0.2.1:50152", "readers"], $"--client-cert {Missing}: there is no such file" },
        { ["--ca-cert", Missing, "readers"], $"--ca-cert {Missing}: there is no such file" },
        { ["--client-key", Missing, "readers"], $"--client-key {Missing}: there is no such file" },
        { ["--address", "http://127.0.0.1:50151", "--client-cert", "/etc/hostname", "watch"], "--client-cert goes with an https address" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_is_one_line_exit_code_1_and_no_call(string[] args, string expected)
    {
        var (exitCode, error, connected) = await RunAsync([], args);

        Assert.True(exitCode == ExitCodes.Usage, $"exit code {exitCode}; stderr: {error}");
        Assert.False(connected);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_usage_line_ends_with_the_help_of_its_command_or_names_the_nearest()
    {
        foreach (var args in BadCommandLines().Select(row => (string[])row[0]))
        {
            var (_, error, _) = await RunAsync([], args);

            Assert.True(error.TrimEnd().EndsWith(" --help`)", StringComparison.Ordinal) || error.TrimEnd().EndsWith("?", StringComparison.Ordinal), error);
        }
    }

    [Theory]
    [InlineData(new[] { "reders" }, "エラー: `reders` というコマンドはありません。`onshi readers` のことですか？")]
    [InlineData(new[] { "cert", "read", "--kind", "xyz" }, "（使い方は `onshi cert read --help`）")]
    [InlineData(new[] { "--timeout", "abc", "readers" }, "--timeout には 1 以上の整数（秒）を指定してください")]
    public async Task The_usage_line_speaks_japanese_under_a_japanese_locale(string[] args, string expected)
    {
        var (exitCode, error, _) = await RunAsync(new Dictionary<string, string> { ["LANG"] = "ja_JP.UTF-8" }, args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reders", "readers", 1)]
    [InlineData("raeders", "readers", 1)]
    [InlineData("READERS", "readers", 0)]
    [InlineData("x", "readers", 7)]
    public void Edits_count_insertions_deletions_substitutions_and_swaps(string typed, string candidate, int expected) =>
        Assert.Equal(expected, NearestNames.Edits(typed.ToUpperInvariant(), candidate.ToUpperInvariant()));

    [Fact]
    public void A_word_far_from_every_name_has_no_suggestion() =>
        Assert.Empty(NearestNames.Of("status", ["readers", "watch", "card", "cert", "pin", "hpki"]));

    // A connection would fail the command with its own line; none may be opened for a bad command line.
    private static async Task<(int ExitCode, string Error, bool Connected)> RunAsync(Dictionary<string, string> environment, string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var connected = false;
        var io = new CliIo { Out = output, Error = error, RawOut = Stream.Null, In = new StringReader(""), GetEnvironmentVariable = name => environment.GetValueOrDefault(name) };
        var exitCode = await new OnshiCli(io, _ =>
        {
            connected = true;
            throw new InvalidOperationException("connected");
        }).RunAsync(args);
        return (exitCode, error.ToString(), connected);
    }
}
