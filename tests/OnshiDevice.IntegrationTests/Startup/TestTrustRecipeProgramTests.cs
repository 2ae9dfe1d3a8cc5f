using OnshiDevice.Contracts;
using Google.Protobuf;
using OnshiDevice.Cli;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests.Startup;

/// <summary>
/// The README's recipe for virtual cards in the real PC/SC stack, run as written from a fresh working directory:
/// onshi-sim exports the test trust, the Pki settings point at it (relative paths, taken from the working directory),
/// and onshi-device started with --trust-test-roots serves and verifies the virtual cards' certificates. It once
/// stopped with a trace: relative paths were taken from the build folder.
/// </summary>
public sealed class TestTrustRecipeProgramTests : IDisposable
{
    private const string Section = "## Virtual cards in the real PC/SC stack";
    private static readonly BuiltProgram Simulator = new(Path.Combine("simulators", "OnshiDevice.Simulators.Host"), "onshi-sim.dll");
    private readonly string _work = Directory.CreateTempSubdirectory("onshi-recipe-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task The_recipe_as_written_serves_and_verifies_the_virtual_cards()
    {
        var commands = ReadmeShell.Commands(Section);
        var export = await ProgramRun.ToExitAsync(
            Simulator.Launch(ReadmeShell.ProgramArguments(commands.Single(command => command.Contains(" export-trust ", StringComparison.Ordinal))))
            with { WorkingDirectory = _work });
        Assert.True(export.ExitCode == 0, export.ToString());

        var settings = ReadmeShell.Exports(commands.Single(command => command.StartsWith("export ", StringComparison.Ordinal)), _work);
        var socket = Path.Combine(_work, "run", "onshi-device.sock");
        settings["OnshiDevice__Listeners__Socket"] = socket;
        var start = commands.Single(command => command.StartsWith("dotnet run --project src/OnshiDevice.Server", StringComparison.Ordinal));
        await using var service = await RunningProgram.StartAsync(
            BuiltProgram.Service.Launch(ReadmeShell.ProgramArguments(start)) with { Environment = settings, WorkingDirectory = _work },
            "onshi-device listening on");

        using var channel = ServiceAddress.Parse($"unix:{socket}").CreateChannel();
        var certificates = new Certificates.CertificatesClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var (der, purpose) in new[]
        {
            (VirtualMyNumberCards.StandardCredentials.AuthCertificate, CertificatePurpose.JpkiAuthentication),
            (VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning),
            (VirtualHpkiCards.DoctorCredentials.AuthenticationCertificate, CertificatePurpose.HpkiAuthentication),
        })
        {
            var verdict = await certificates.VerifyAsync(new VerifyRequest { Der = ByteString.CopyFrom(der), Purpose = purpose }, deadline: deadline);
            Assert.True(verdict.Valid, $"{purpose}: {verdict}");
        }
    }

    [Fact]
    public async Task A_folder_the_recipe_names_that_does_not_exist_is_one_line_naming_the_setting_and_the_path()
    {
        var commands = ReadmeShell.Commands(Section);
        var settings = ReadmeShell.Exports(commands.Single(command => command.StartsWith("export ", StringComparison.Ordinal)), _work);
        settings["OnshiDevice__Listeners__Socket"] = Path.Combine(_work, "run", "onshi-device.sock");

        // Without export-trust first: the first folder the service reads is missing.
        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("--trust-test-roots") with { Environment = settings, WorkingDirectory = _work });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^onshi-device: Pki:[A-Za-z:]+ names the folder /.+, which does not exist \\(a relative path is taken from the working directory .+\\)\\.$", line);
        Assert.Contains(_work, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
    }
}
