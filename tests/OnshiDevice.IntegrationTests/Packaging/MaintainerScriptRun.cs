namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>What a maintainer script printed and the calls it made to the commands that change the machine.</summary>
public sealed record MaintainerScriptResult(ProgramResult Run, IReadOnlyList<string> Calls)
{
    public override string ToString() => $"{Run}\ncalls:\n{string.Join('\n', Calls)}";
}

/// <summary>
/// Runs a maintainer script of the package as dpkg does (the action and its arguments), in a mount namespace of its own
/// (unshare: an empty /run, with /run/systemd/system when systemd is to be "running", and an empty /var/lib), with
/// stand-ins first on PATH for useradd, getent, chown, systemctl and deb-systemd-helper that record each call. So the
/// script's own logic runs for real while nothing of the machine (its users, its systemd, /var/lib) is touched.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MaintainerScriptRun : IDisposable
{
    private static readonly string[] Recorded = ["useradd", "chown", "systemctl", "deb-systemd-helper"];

    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-maint-").FullName;

    /// <summary>The user onshi-device exists already (the stand-in getent knows it): an upgrade or a reinstall.</summary>
    public bool UserExists { get; init; }

    /// <summary>/run/systemd/system exists in the script's namespace: systemd runs the machine.</summary>
    public bool SystemdRunning { get; init; }

    /// <summary>DPKG_ROOT: the root dpkg installs into (dpkg --root); null for /.</summary>
    public string? DpkgRoot { get; init; }

    public async Task<MaintainerScriptResult> RunAsync(string script, params string[] arguments)
    {
        var stubs = Path.Combine(_folder, "bin");
        Directory.CreateDirectory(stubs);
        var calls = Path.Combine(_folder, "calls");
        foreach (var command in Recorded)
        {
            WriteStub(stubs, command, "exit 0");
        }

        WriteStub(stubs, "getent", UserExists
            ? "[ \"$2\" = onshi-device ] && echo 'onshi-device:x:998:998::/var/lib/onshi-device:/usr/sbin/nologin' && exit 0\nexit 2"
            : "exit 2");

        var namespaceSetup = "mount -t tmpfs tmpfs /run && mount -t tmpfs tmpfs /var/lib"
            + (SystemdRunning ? " && mkdir -p /run/systemd/system" : "")
            + " && exec \"$0\" \"$@\"";
        var launch = new ProgramLaunch("unshare", ["--mount", "--map-root-user", "sh", "-c", namespaceSetup, script, .. arguments])
        {
            Environment = new Dictionary<string, string?>
            {
                ["PATH"] = $"{stubs}:{Environment.GetEnvironmentVariable("PATH")}",
                ["ONSHI_TEST_CALLS"] = calls,
                ["DPKG_ROOT"] = DpkgRoot,
            },
        };
        var run = await ProgramRun.ToExitAsync(launch);
        var recorded = File.Exists(calls) ? await File.ReadAllLinesAsync(calls) : [];
        return new MaintainerScriptResult(run, recorded);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void WriteStub(string folder, string command, string answer)
    {
        var path = Path.Combine(folder, command);
        File.WriteAllText(path, $"#!/bin/sh\necho \"{command} $*\" >> \"$ONSHI_TEST_CALLS\"\n{answer}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
