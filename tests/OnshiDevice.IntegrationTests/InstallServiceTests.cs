using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OnshiDevice.IntegrationTests.ClinicLan;
using OnshiDevice.Server;
using OnshiDevice.Service;

namespace OnshiDevice.IntegrationTests;

/// <summary>scripts/install-service, the systemd unit it writes, and the clinic's configuration file it installs.</summary>
[Collection(Packaging.PublishingCollection.Name)]
public sealed class InstallServiceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("onshi-install-").FullName;

    [Fact]
    public async Task The_script_installs_runnable_programs_and_a_unit_that_systemd_analyze_verify_accepts()
    {
        var (prefix, config, bin, units) = (Path.Combine(_root, "opt"), Path.Combine(_root, "etc"), Path.Combine(_root, "bin"), Path.Combine(_root, "units"));

        var install = await RunAsync("bash", Path.Combine(RepositoryFolder.Root, "scripts", "install-service"),
            "--prefix", prefix, "--config-dir", config, "--bin-dir", bin, "--unit-dir", units, "--no-build", "--no-system");
        Assert.True(install.ExitCode == 0, install.Error);

        var unit = Path.Combine(units, "onshi-device.service");
        var text = await File.ReadAllTextAsync(unit);
        Assert.Contains($"ExecStart={prefix}/onshi-device\n", text, StringComparison.Ordinal);
        Assert.Contains("Type=notify\n", text, StringComparison.Ordinal);
        Assert.Contains($"Environment=ONSHI_DEVICE_CONFIG_DIR={config}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text.Split('\n').Where(line => !line.StartsWith('#')).Aggregate("", string.Concat), StringComparison.Ordinal);

        // verify also checks that ExecStart is an executable file; any warning (an unknown key, a bad value) is a failure.
        var verify = await RunAsync("systemd-analyze", "verify", unit);
        Assert.Equal((0, ""), (verify.ExitCode, verify.Error.Trim()));

        var service = await RunAsync(Path.Combine(prefix, "onshi-device"), "--version");
        Assert.Equal(0, service.ExitCode);
        Assert.StartsWith("onshi-device ", service.Output, StringComparison.Ordinal);
        var cli = await RunAsync(Path.Combine(bin, "onshi"), "--version");
        Assert.Equal(0, cli.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", cli.Output);
        Assert.True(File.Exists(Path.Combine(prefix, "docs", "OPERATIONS.md")));
    }

    [Fact]
    public async Task A_second_install_keeps_the_clinics_settings()
    {
        var config = Path.Combine(_root, "etc");
        Directory.CreateDirectory(config);
        var settings = Path.Combine(config, "appsettings.json");
        await File.WriteAllTextAsync(settings, "{ \"OnshiDevice\": { \"DefaultCallTimeout\": \"00:00:07\" } }");

        var install = await RunAsync("bash", Path.Combine(RepositoryFolder.Root, "scripts", "install-service"),
            "--prefix", Path.Combine(_root, "opt"), "--config-dir", config, "--bin-dir", Path.Combine(_root, "bin"),
            "--unit-dir", Path.Combine(_root, "units"), "--no-build", "--no-system");

        Assert.True(install.ExitCode == 0, install.Error);
        Assert.Equal("{ \"OnshiDevice\": { \"DefaultCallTimeout\": \"00:00:07\" } }", await File.ReadAllTextAsync(settings));
        Assert.Contains("kept the existing", install.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--prefix", "relative/path")]
    [InlineData("--frobnicate", "x")]
    [InlineData("--prefix", null)]
    public async Task A_bad_argument_is_one_line_and_exit_1(string option, string? value)
    {
        var arguments = new List<string> { Path.Combine(RepositoryFolder.Root, "scripts", "install-service"), option };
        if (value is not null)
        {
            arguments.Add(value);
        }

        var result = await RunAsync("bash", [.. arguments]);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void The_installed_settings_template_is_read_by_the_host_comments_and_all()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryFolder.Root, "config", "systemd", "appsettings.json")).Build();

        Assert.NotNull(configuration.GetSection(OnshiDeviceOptions.SectionName));
        Assert.Null(configuration["Pki:TrustAnchors:JpkiAuthentication"]);
    }

    [Fact]
    public void The_system_configuration_file_sits_between_the_built_in_one_and_the_overrides()
    {
        var folder = Path.Combine(_root, "etc");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "OnshiDevice": { "DefaultCallTimeout": "00:00:07", "ReaderLockTimeout": "00:00:03" } }""");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--OnshiDevice:ReaderLockTimeout=00:00:02"] });

        var file = builder.AddSystemConfiguration(name => name == ServiceManager.ConfigurationFolderVariable ? folder : null);

        Assert.Equal(Path.Combine(folder, "appsettings.json"), file);
        Assert.Equal("00:00:07", builder.Configuration["OnshiDevice:DefaultCallTimeout"]);
        Assert.Equal("00:00:02", builder.Configuration["OnshiDevice:ReaderLockTimeout"]);
    }

    [Theory]
    [InlineData("ONSHI_DEVICE_CONFIG_DIR", "/srv/onshi", "/srv/onshi")]
    [InlineData("CONFIGURATION_DIRECTORY", "/etc/onshi-device:/etc/other", "/etc/onshi-device")]
    public void The_configuration_folder_comes_from_the_environment_first(string variable, string value, string expected)
    {
        Assert.Equal(expected, ServiceManager.ConfigurationFolder(name => name == variable ? value : null));
    }

    [Fact]
    public void On_linux_the_configuration_folder_defaults_to_etc_onshi_device()
    {
        Assert.Equal(OperatingSystem.IsLinux() ? "/etc/onshi-device" : ServiceManager.ConfigurationFolder(_ => null), ServiceManager.ConfigurationFolder(_ => null));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Task<ProgramResult> RunAsync(string program, params string[] arguments) =>
        ProgramRun.ToExitAsync(new ProgramLaunch(program, arguments));
}
