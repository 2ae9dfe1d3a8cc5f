using System.Diagnostics;
using System.Text;

namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>
/// The one way both programs read a secret on a terminal (TerminalSecret), through a real pseudo-terminal
/// (util-linux `script`): nothing typed is echoed, and Backspace takes back what it should.
/// </summary>
public sealed class TerminalPassphraseTests : IDisposable
{
    private const string Passphrase = "clinic-passphrase-1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("onshi-terminal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_passphrase_typed_on_a_terminal_is_read_without_echo_and_backspace_corrects_it()
    {
        var caFolder = Path.Combine(_root, "ca");
        var command = string.Join(' ', BuiltProgram.Service.Launch("ca", "init", "--ip", "127.0.0.1", "--ca-folder", caFolder).Arguments.Select(Quote));
        var startInfo = new ProgramLaunch("script", ["-qfec", "dotnet " + command, "/dev/null"]).ToStartInfo();
        startInfo.Environment["TERM"] = "xterm";
        using var terminal = Process.Start(startInfo)!;
        var screen = new StringBuilder();
        var output = CopyAsync(terminal.StandardOutput, screen);

        // Typed only once each prompt is on the screen, as a person would: before that the terminal would echo it.
        await UntilShownAsync(screen, "CA passphrase: ");
        await terminal.StandardInput.WriteAsync("clinic-passXYZ\x7f\x7f\x7fphrase-1\r");
        await terminal.StandardInput.FlushAsync();
        await UntilShownAsync(screen, "CA passphrase again: ");
        await terminal.StandardInput.WriteAsync(Passphrase + "\r");
        await terminal.StandardInput.FlushAsync();
        using (var bound = new CancellationTokenSource(Bound))
        {
            await terminal.WaitForExitAsync(bound.Token);
        }

        await output;
        var shown = Shown(screen);
        Assert.True(terminal.ExitCode == 0, shown);
        Assert.Contains("created the clinic CA", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("clinic-pass", shown, StringComparison.Ordinal);

        // The CA key opens with what the corrections left, so that is what was read.
        var passphraseFile = Path.Combine(_root, "passphrase");
        await File.WriteAllTextAsync(passphraseFile, Passphrase + "\n");
        var issued = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch(
            "client", "issue", "reception-1", "--ca-folder", caFolder, "--passphrase-file", passphraseFile, "--out", Path.Combine(_root, "out")));
        Assert.True(issued.ExitCode == 0, issued.ToString());
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Shown(StringBuilder screen)
    {
        lock (screen)
        {
            return screen.ToString();
        }
    }

    private static async Task CopyAsync(StreamReader from, StringBuilder to)
    {
        var buffer = new char[256];
        int read;
        while ((read = await from.ReadAsync(buffer)) > 0)
        {
            lock (to)
            {
                to.Append(buffer, 0, read);
                Monitor.PulseAll(to);
            }
        }
    }

    private static Task UntilShownAsync(StringBuilder screen, string text) => Task.Run(() =>
    {
        var until = DateTime.UtcNow + Bound;
        lock (screen)
        {
            while (!screen.ToString().Contains(text, StringComparison.Ordinal))
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(screen, left))
                {
                    throw new TimeoutException($"'{text}' never appeared; the terminal showed: {screen}");
                }
            }

            // Each prompt is looked for once: forget what was shown so the next search starts after it.
            screen.Replace(text, "[" + text.Trim() + "]");
        }
    });
}
