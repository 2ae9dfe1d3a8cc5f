using Microsoft.Extensions.Configuration;
using OnshiDevice.Server.ClinicCa;

namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>`onshi-device ca init` and `client issue|list|revoke`: what they write and print, and one line with exit 1 per mistake.</summary>
public sealed class ClinicCaCommandsTests : IDisposable
{
    private const string Passphrase = "commands-test-passphrase";
    private readonly string _root = Directory.CreateTempSubdirectory("onshi-ca-commands-").FullName;
    private readonly Dictionary<string, string?> _environment = new() { [Secrets.PassphraseVariable] = Passphrase };

    private string CaFolder => Path.Combine(_root, "ca");

    [Fact]
    public async Task Init_issue_list_revoke_tell_what_they_did()
    {
        var init = await RunAsync("ca", "init", "--ca-folder", CaFolder, "--ip", "127.0.0.1");
        Assert.Equal(0, init.ExitCode);
        Assert.StartsWith($"created the clinic CA in {CaFolder}", init.Output, StringComparison.Ordinal);

        var issue = await RunAsync("client", "issue", "reception-1", "--ca-folder", CaFolder);
        Assert.Equal(0, issue.ExitCode);
        var password = issue.Output.Split('\n').Single(line => line.Contains(".p12 password (shown once): ", StringComparison.Ordinal)).Split(": ")[1];
        Assert.Equal(20, password.Length);
        using (var p12 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
            Path.Combine(CaFolder, "clients", "reception-1", "reception-1.p12"), password))
        {
            Assert.Equal("reception-1", p12.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false));
        }

        var listed = await RunAsync("client", "list", "--ca-folder", CaFolder);
        Assert.Matches(@"\nreception-1 +[0-9A-F]{32} \d{4}-\d{2}-\d{2} no\n", listed.Output);

        var revoked = await RunAsync("client", "revoke", "reception-1", "--ca-folder", CaFolder);
        Assert.StartsWith("revoked reception-1 (serial ", revoked.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\nreception-1 .* no\n", (await RunAsync("client", "list", "--ca-folder", CaFolder)).Output);
    }

    [Fact]
    public async Task The_folder_comes_from_the_setting_when_no_option_names_it()
    {
        var init = await RunAsync(new Dictionary<string, string?> { [ClinicCaSettings.FolderKey] = CaFolder }, "ca", "init", "--ip", "127.0.0.1");

        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(Path.Combine(CaFolder, "ca.crt")));
    }

    [Theory]
    [InlineData("client issue ../escape", "onshi-device: a client name may hold only")]
    [InlineData("client issue " + "a-very-long-name-a-very-long-name-a-very-long-name-a-very-long-name", "onshi-device: a client name has at most 64 characters")]
    [InlineData("client revoke nobody", "onshi-device: no client named nobody")]
    [InlineData("client issue pc --days 0", "onshi-device: a number of days must be positive")]
    [InlineData("client frobnicate", "onshi-device: Required command was not provided.")]
    [InlineData("ca init --ip 999.1.1.1", "onshi-device: --ip 999.1.1.1 is not an IP address")]
    [InlineData("ca init --host bad_host!", "onshi-device: --host bad_host! is not a host name")]
    [InlineData("ca init", "onshi-device: ")]
    public async Task A_mistake_is_one_line_and_exit_1(string command, string expected)
    {
        Assert.Equal(0, (await RunAsync("ca", "init", "--ca-folder", CaFolder, "--ip", "127.0.0.1")).ExitCode);

        var result = await RunAsync([.. command.Split(' '), "--ca-folder", CaFolder]);

        // One line per mistake: "client frobnicate" makes two (no subcommand, an unknown word).
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.All(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("onshi-device: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_passphrase_and_a_terminal_issuing_says_where_the_passphrase_comes_from()
    {
        Assert.Equal(0, (await RunAsync("ca", "init", "--ca-folder", CaFolder, "--ip", "127.0.0.1")).ExitCode);
        _environment.Remove(Secrets.PassphraseVariable);

        var result = await RunAsync("client", "issue", "pc", "--ca-folder", CaFolder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"onshi-device: the CA passphrase is needed: give --passphrase-file FILE or ${Secrets.PassphraseVariable}, or run on a terminal\n", result.Error);
    }

    [Fact]
    public async Task The_real_program_refuses_a_CA_key_open_to_others_with_one_line()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(0, (await RunAsync("ca", "init", "--ca-folder", CaFolder, "--ip", "127.0.0.1")).ExitCode);
        var key = Path.Combine(CaFolder, "ca.key");
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("client", "issue", "pc", "--ca-folder", CaFolder) with { Environment = _environment });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"onshi-device: {key} is open to group or others (mode 0604); a key file must be the owner's only: chmod 600 {key}\n", result.Error);
    }

    [Fact]
    public async Task The_service_with_a_LAN_listener_and_no_CA_folder_stops_with_one_line()
    {
        var missing = Path.Combine(_root, "no-such-ca");

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("--simulate") with
        {
            Environment = new Dictionary<string, string?> { ["OnshiDevice__Listeners__Lan"] = "https://127.0.0.1:1", ["OnshiDevice__ClinicCa__Folder"] = missing },
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"onshi-device: OnshiDevice:Listeners:Lan needs the clinic CA: {Path.Combine(missing, "ca.crt")} does not exist; create the CA with `onshi-device ca init --ca-folder {missing}`\n", result.Error);
        Assert.DoesNotContain("listening", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:50152")]
    [InlineData("https://reception-pc:50152")]
    public async Task A_LAN_address_that_is_not_https_on_an_IP_stops_the_service_with_one_line(string address)
    {
        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("--simulate") with
        {
            Environment = new Dictionary<string, string?> { ["OnshiDevice__Listeners__Lan"] = address },
        });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("onshi-device: OnshiDevice:Listeners:Lan ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<ProgramResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    private async Task<ProgramResult> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new AdminConsole { Out = output, Error = error, GetEnvironmentVariable = name => _environment.GetValueOrDefault(name) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var exitCode = await new ClinicCaCommands(console, configuration, TimeProvider.System).RunAsync(args, CancellationToken.None);
        return new ProgramResult(exitCode, output.ToString(), error.ToString());
    }
}
