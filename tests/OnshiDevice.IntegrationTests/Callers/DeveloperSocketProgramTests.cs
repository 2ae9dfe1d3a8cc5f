namespace OnshiDevice.IntegrationTests.Callers;

/// <summary>
/// The default socket of a developer who is not root: the service, run as another user (setpriv, uid 65534) with its
/// own XDG_RUNTIME_DIR, listens under it, and onshi run by the same user with the same environment finds it without
/// --address.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeveloperSocketProgramTests : IAsyncLifetime
{
    private static readonly string[] Developer = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    private readonly string _runtime = Path.Combine(Path.GetTempPath(), $"onshi-runtime-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_runtime);
        File.SetUnixFileMode(_runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var chown = await ProgramRun.ToExitAsync(new ProgramLaunch("chown", ["65534:65534", _runtime]));
        Assert.True(chown.ExitCode == 0, chown.ToString());
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_runtime, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_cli_finds_the_service_of_the_same_user_by_default()
    {
        var environment = new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = _runtime, ["HOME"] = _runtime };
        await using var service = await RunningProgram.StartAsync(
            BuiltProgram.Service.Launch("--simulate", "--OnshiDevice:Listeners:Loopback=off") with { Environment = environment, AsUser = Developer },
            "onshi-device listening on");

        var readers = await ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch("--timeout", "20", "readers") with { Environment = environment, AsUser = Developer });

        Assert.Contains($"onshi-device listening on http://unix:{_runtime}/onshi-device/onshi-device.sock", service.Output, StringComparison.Ordinal);
        Assert.True(readers.ExitCode == 0, $"exit code {readers.ExitCode}; stderr: {readers.Error}");
        Assert.Contains("OnshiDevice Simulated Reader 0", readers.Output, StringComparison.Ordinal);
    }
}
