using System.Reflection;
using OnshiDevice.Server;
using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

public sealed class HostInformationTests
{
    private static readonly string HostVersion =
        typeof(SimulationArguments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Help_lists_the_switches_every_simulated_card_and_the_main_settings(string help)
    {
        var text = HostInformation.AnswerFor([help], VirtualCardCatalog.Names);

        Assert.NotNull(text);
        foreach (var expected in new[]
        {
            "--simulate ", "--simulate-card NAME", "--version", "--help",
            "OnshiDevice:Listeners:Socket", "/run/onshi-device/onshi-device.sock", "OnshiDevice:Listeners:SocketMode", "OnshiDevice:Listeners:SocketGroup",
            "OnshiDevice:Listeners:Pipe", "OnshiDevice:Listeners:Loopback", "http://127.0.0.1:50151 under --simulate", "OnshiDevice:Listeners:Lan", "OnshiDevice:ClinicCa:Folder", "ca init", "client issue NAME",
            "OnshiDevice:DefaultCallTimeout", "OnshiDevice:ReaderLockTimeout", "OnshiDevice:MaxWatchStreams", "Pki:TrustAnchors", "Pki:Intermediates", "Pki:Crls", "Pki:CrlRefreshInterval",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.All(VirtualCardCatalog.Names, card => Assert.Contains(card, text, StringComparison.Ordinal));
    }

    [Fact]
    public void Version_is_the_informational_version_of_the_host()
    {
        Assert.Equal($"onshi-device {HostVersion}\n", HostInformation.AnswerFor(["--version"], VirtualCardCatalog.Names));
        Assert.Matches(@"^\d+\.\d+\.\d+", HostVersion);
    }

    [Fact]
    public void The_first_of_help_and_version_wins_wherever_it_stands()
    {
        Assert.StartsWith("onshi-device ", HostInformation.AnswerFor(["--simulate", "--version", "--help"], VirtualCardCatalog.Names), StringComparison.Ordinal);
        Assert.Contains("Usage:", HostInformation.AnswerFor(["--simulate", "--help", "--version"], VirtualCardCatalog.Names), StringComparison.Ordinal);
    }

    [Fact]
    public void Other_arguments_start_the_service()
    {
        Assert.Null(HostInformation.AnswerFor(["--simulate", "--simulate-card", "hpki-doctor", "--OnshiDevice:Listeners:Loopback=http://127.0.0.1:1"], VirtualCardCatalog.Names));
        Assert.Null(HostInformation.AnswerFor([], VirtualCardCatalog.Names));
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    public async Task The_host_program_prints_and_exits_0_without_starting_the_server(string argument)
    {
        // A host that went on to start would refuse this non-loopback address (before binding anything) and exit 1.
        var (exitCode, output, error) = await RunProgramAsync(BuiltProgram.Service, ("Kestrel__Endpoints__x__Url", "http://192.0.2.1:50151"), argument);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"onshi-device {HostVersion}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output + error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task The_pre_v1_single_anchor_folder_setting_stops_the_host_with_one_line_naming_the_new_keys()
    {
        var (exitCode, output, error) = await RunProgramAsync(BuiltProgram.Service, ("Pki__TrustAnchors", Path.GetTempPath()));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("onshi-device: Pki:TrustAnchors names one folder per purpose", error, StringComparison.Ordinal);
        Assert.Contains("Pki:TrustAnchors:JpkiAuthentication", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_prints_its_version_and_exits_0()
    {
        // The real program: System.CommandLine reads the version of the entry assembly, which in-process would be the test host's.
        var cliVersion = typeof(OnshiDevice.Cli.OnshiCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var (exitCode, output, error) = await RunProgramAsync(BuiltProgram.Cli, ("ONSHI_ADDRESS", "http://127.0.0.1:1"), "--version");

        Assert.Equal(0, exitCode);
        Assert.Equal($"{cliVersion}\n", output);
        Assert.Equal("", error);
    }

    // A program of the repository run with one more environment variable.
    private static Task<ProgramResult> RunProgramAsync(BuiltProgram program, (string Name, string Value) environment, params string[] arguments) =>
        ProgramRun.ToExitAsync(program.Launch(arguments) with { Environment = new Dictionary<string, string?> { [environment.Name] = environment.Value } });
}
