using OnshiDevice.Server;

namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>
/// The .deb of scripts/package: its control fields, its files, the unit it carries, and its maintainer scripts run as
/// dpkg runs them, with systemd running and without (this machine and CI have no systemd as PID 1).
/// scripts/smoke-installed (run by .ci/run) installs the real, self-contained package and runs it from PATH.
/// </summary>
[Collection(PublishingCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DebianPackageTests(BuiltDebianPackage package) : IClassFixture<BuiltDebianPackage>
{
    private const string Programs = "/usr/lib/onshi-device";
    private static readonly string[] ProgramNames = ["onshi-device", "onshi", "onshi-sim"];
    private static readonly string ProductVersion = HostInformation.Version.Split('+')[0];

    [Fact]
    public async Task The_control_file_names_the_package_its_version_and_what_a_framework_dependent_build_needs()
    {
        Assert.Equal("onshi-device", await package.FieldAsync("Package"));
        Assert.Equal(ProductVersion, await package.FieldAsync("Version"));
        Assert.Equal("amd64", await package.FieldAsync("Architecture"));
        var depends = (await package.FieldAsync("Depends")).Split(", ");
        Assert.Contains("libpcsclite1", depends);
        Assert.Contains(depends, dependency => dependency.StartsWith("aspnetcore-runtime-10.0", StringComparison.Ordinal));
        Assert.Contains("Framework-dependent", await package.FieldAsync("Description"), StringComparison.Ordinal);
        Assert.Contains("(framework-dependent)", package.Output, StringComparison.Ordinal);
        Assert.Equal(["/etc/onshi-device/appsettings.json"], await File.ReadAllLinesAsync(Path.Combine(package.Control, "conffiles")));
    }

    [Fact]
    public async Task The_three_programs_are_on_PATH_as_links_into_the_program_folder_and_print_the_package_version()
    {
        foreach (var name in ProgramNames)
        {
            var link = new FileInfo(Path.Combine(package.Root, "usr", "bin", name));
            Assert.Equal($"../lib/onshi-device/{name}", link.LinkTarget);
            Assert.True((File.GetUnixFileMode(Path.Combine(package.Root, "usr", "lib", "onshi-device", name)) & UnixFileMode.OtherExecute) != 0, name);

            // Through the link, as a shell finds it on PATH: the program finds its own folder.
            var version = await ProgramRun.ToExitAsync(new ProgramLaunch(link.FullName, ["--version"]));

            Assert.True(version.ExitCode == 0, version.ToString());
            Assert.Contains(ProductVersion, version.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_clinics_settings_file_is_the_template_install_service_writes_and_the_docs_are_beside_the_programs()
    {
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Root, "config", "systemd", "appsettings.json")),
            await File.ReadAllTextAsync(Path.Combine(package.Root, "etc", "onshi-device", "appsettings.json")));
        Assert.True(File.Exists(Path.Combine(package.Root, "usr", "lib", "onshi-device", "docs", "OPERATIONS.md")));
        Assert.True(File.Exists(Path.Combine(package.Root, "usr", "lib", "onshi-device", "appsettings.json")));
    }

    [Fact]
    public async Task The_unit_is_the_one_install_service_writes_with_the_packages_places_and_systemd_analyze_verify_accepts_it()
    {
        using var scratch = new ScratchFolder();
        var prefix = scratch.Sub("opt");
        var install = await ProgramRun.ToExitAsync(new ProgramLaunch("bash", [Path.Combine(RepositoryFolder.Root, "scripts", "install-service"),
            "--prefix", prefix, "--config-dir", scratch.Sub("etc"), "--bin-dir", scratch.Sub("bin"), "--unit-dir", scratch.Sub("units"), "--no-build", "--no-system"]));
        Assert.True(install.ExitCode == 0, install.ToString());
        var unit = Path.Combine(package.Root, "lib", "systemd", "system", "onshi-device.service");

        // The differences allowed, and no other: the programs' folder, the configuration folder (systemd's own for
        // /etc/onshi-device) and the runtime's place (the packaged programs find theirs without DOTNET_ROOT).
        var expected = (await File.ReadAllLinesAsync(Path.Combine(scratch.Sub("units"), "onshi-device.service")))
            .Where(line => !line.StartsWith("Environment=DOTNET_ROOT=", StringComparison.Ordinal))
            .Select(line => line.Replace(prefix, Programs, StringComparison.Ordinal))
            .Select(line => line == $"Environment=ONSHI_DEVICE_CONFIG_DIR={scratch.Sub("etc")}" ? "ConfigurationDirectory=onshi-device" : line);
        Assert.Equal(expected, await File.ReadAllLinesAsync(unit));

        // verify checks ExecStart too: the package's program folder is laid over /usr/lib in a namespace of its own.
        var verify = await ProgramRun.ToExitAsync(new ProgramLaunch("unshare", ["--mount", "--map-root-user", "sh", "-c",
            "mount -t overlay overlay -o \"lowerdir=$0/usr/lib:/usr/lib\" /usr/lib && exec systemd-analyze verify \"$1\"", package.Root, unit]));
        Assert.Equal((0, ""), (verify.ExitCode, verify.Error.Trim()));
    }

    [Fact]
    public async Task Without_systemd_the_postinst_creates_the_user_and_the_data_folder_leaves_systemctl_alone_and_says_how_to_start()
    {
        using var run = new MaintainerScriptRun();

        var result = await run.RunAsync(Script("postinst"), "configure");

        Assert.True(result.Run.ExitCode == 0, result.ToString());
        Assert.Contains("useradd --system --user-group --no-create-home --home-dir /var/lib/onshi-device --shell /usr/sbin/nologin --comment OnshiDevice service onshi-device", result.Calls);
        Assert.Contains("chown onshi-device:onshi-device /var/lib/onshi-device", result.Calls);
        Assert.Contains("deb-systemd-helper enable onshi-device.service", result.Calls);
        Assert.DoesNotContain(result.Calls, call => call.StartsWith("systemctl", StringComparison.Ordinal));
        Assert.Contains("systemd is not running on this machine", result.Run.Output, StringComparison.Ordinal);
        Assert.Contains("runuser -u onshi-device -- onshi-device", result.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Into_another_root_the_postinst_makes_the_data_folder_the_services_alone_there()
    {
        using var root = new ScratchFolder();
        using var run = new MaintainerScriptRun { DpkgRoot = root.Path };

        var result = await run.RunAsync(Script("postinst"), "configure");

        Assert.True(result.Run.ExitCode == 0, result.ToString());
        var data = Path.Combine(root.Path, "var", "lib", "onshi-device");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
        Assert.Contains($"chown onshi-device:onshi-device {data}", result.Calls);
        Assert.Contains(result.Calls, call => call.StartsWith($"useradd --prefix {root.Path} --system", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Calls, call => call.StartsWith("systemctl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_systemd_running_a_first_install_enables_and_starts_the_service()
    {
        using var run = new MaintainerScriptRun { SystemdRunning = true };

        var result = await run.RunAsync(Script("postinst"), "configure");

        Assert.True(result.Run.ExitCode == 0, result.ToString());
        Assert.Equal(["systemctl --system daemon-reload", "systemctl enable --now onshi-device.service"],
            result.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
        Assert.Contains("enabled and started", result.Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_systemd_running_an_upgrade_keeps_the_user_and_restarts_a_running_service()
    {
        using var run = new MaintainerScriptRun { SystemdRunning = true, UserExists = true };

        var result = await run.RunAsync(Script("postinst"), "configure", "0.9.0");

        Assert.True(result.Run.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(result.Calls, call => call.StartsWith("useradd", StringComparison.Ordinal));
        Assert.Equal(["systemctl --system daemon-reload", "systemctl try-restart onshi-device.service"],
            result.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("remove", true, true)]
    [InlineData("upgrade", true, false)]
    [InlineData("remove", false, false)]
    public async Task The_prerm_stops_the_service_only_on_removal_and_only_where_systemd_runs(string action, bool systemdRunning, bool stops)
    {
        using var run = new MaintainerScriptRun { SystemdRunning = systemdRunning };

        var result = await run.RunAsync(Script("prerm"), action, "1.0.0");

        Assert.True(result.Run.ExitCode == 0, result.ToString());
        Assert.Equal(stops ? ["systemctl stop onshi-device.service"] : [], result.Calls);
    }

    [Fact]
    public async Task A_purge_keeps_a_data_folder_holding_the_clinic_ca_and_removes_an_empty_one()
    {
        using var kept = new ScratchFolder();
        var ca = Path.Combine(kept.Path, "var", "lib", "onshi-device", "clinic-ca");
        Directory.CreateDirectory(ca);
        await File.WriteAllTextAsync(Path.Combine(ca, "ca.key"), "the clinic's CA");
        using var emptied = new ScratchFolder();
        Directory.CreateDirectory(Path.Combine(emptied.Path, "var", "lib", "onshi-device"));

        using var first = new MaintainerScriptRun { DpkgRoot = kept.Path };
        var keeping = await first.RunAsync(Script("postrm"), "purge");
        using var second = new MaintainerScriptRun { DpkgRoot = emptied.Path };
        var removing = await second.RunAsync(Script("postrm"), "purge");

        Assert.True(keeping.Run.ExitCode == 0, keeping.ToString());
        Assert.True(File.Exists(Path.Combine(ca, "ca.key")));
        Assert.Contains("kept /var/lib/onshi-device", keeping.Run.Output, StringComparison.Ordinal);
        Assert.True(removing.Run.ExitCode == 0, removing.ToString());
        Assert.False(Directory.Exists(Path.Combine(emptied.Path, "var", "lib", "onshi-device")));
        Assert.Contains("deb-systemd-helper purge onshi-device.service", removing.Calls);
    }

    private string Script(string name) => Path.Combine(package.Control, name);
}
