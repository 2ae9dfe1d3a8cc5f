using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using OnshiDevice.Cli;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>
/// The onshi-device program on its Unix socket, and onshi calling it as other local users: the socket's mode and group
/// are set after bind, a user outside the group is refused by the kernel while a member is served, and what is at the
/// socket's path before start is handled safely. The other users are played with setpriv (uid 65534, with or without
/// the socket's group), so nothing is created system-wide.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SocketListenerProgramTests : IDisposable
{
    /// <summary>A group id no account uses: setpriv can give it to a process without an /etc/group entry.</summary>
    private const uint CallerGroup = 47113;

    private static readonly string[] Nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    private static readonly string[] NobodyInTheGroup = ["--reuid=65534", "--regid=65534", $"--groups={CallerGroup}"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-socket-{Guid.NewGuid():N}");

    public SocketListenerProgramTests()
    {
        // 0755: other users may reach the socket; its own mode decides whether they may connect.
        Directory.CreateDirectory(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private string SocketPath => Path.Combine(_folder, "service", "onshi-device.sock");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_socket_gets_its_mode_and_group_and_only_members_of_the_group_may_call()
    {
        await using var service = await StartServiceAsync($"--OnshiDevice:Listeners:SocketGroup={CallerGroup}");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(SocketPath));
        Assert.Equal(CallerGroup.ToString(CultureInfo.InvariantCulture), await GroupOfAsync(SocketPath));

        var outsider = await ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch("--address", $"unix:{SocketPath}", "--timeout", "20", "readers") with { AsUser = Nobody });
        var member = await ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch("--address", $"unix:{SocketPath}", "--timeout", "20", "readers") with { AsUser = NobodyInTheGroup });

        Assert.True(outsider.ExitCode == 2, $"exit code {outsider.ExitCode}; stdout: {outsider.Output}; stderr: {outsider.Error}");
        Assert.Equal("", outsider.Output);
        Assert.Single(outsider.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"permission denied on {SocketPath}", outsider.Error, StringComparison.Ordinal);
        Assert.True(member.ExitCode == 0, $"exit code {member.ExitCode}; stderr: {member.Error}");
        Assert.Contains("OnshiDevice Simulated Reader 0", member.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pin_bearing_calls_are_served_over_the_socket_and_a_stop_removes_it()
    {
        // Every category at Trace: the log tripwire reads the whole console.
        var service = await StartUntilListeningAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off") with
            {
                Environment = new Dictionary<string, string?> { ["Logging__LogLevel__Default"] = "Trace", ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace" },
            });
        await using (service)
        {
            using var channel = ServiceAddress.Parse($"unix:{SocketPath}").CreateChannel();
            var cards = new CardsClient(channel);

            var verified = await cards.VerifyPinAsync(
                new VerifyPinRequest { Reader = "OnshiDevice Simulated Reader 0", PinKind = PinKind.JpkiAuthPin, Pin = VirtualMyNumberCards.AuthPin },
                deadline: DateTime.UtcNow.AddSeconds(20));

            Assert.Equal(3, verified.Status.TriesLeft);
            Assert.Equal(0, await service.StopAsync());
        }

        Assert.False(File.Exists(SocketPath), "the socket outlived the service");
        Assert.Contains(service.OutputLines, line => line.StartsWith("trce:", StringComparison.Ordinal));
        PrivacyTripwires.AssertNoSensitiveText(service.OutputLines, SensitiveTextScanner.ForCatalogueCards(), "The onshi-device program's console");
        ServiceDefects.AssertNone(service.OutputLines, "The onshi-device program's console");
    }

    [Fact]
    public async Task A_stale_socket_left_by_a_killed_service_is_replaced()
    {
        await using (var killed = await StartServiceAsync())
        {
            // DisposeAsync kills it (SIGKILL): nothing removes the socket file.
        }

        Assert.True(File.Exists(SocketPath), "the killed service's socket should be left behind for this test");

        await using var service = await StartServiceAsync();
        var readers = await ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch("--address", $"unix:{SocketPath}", "--timeout", "20", "readers"));

        Assert.True(readers.ExitCode == 0, $"exit code {readers.ExitCode}; stderr: {readers.Error}");
    }

    [Fact]
    public async Task A_file_at_the_socket_path_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        await File.WriteAllTextAsync(SocketPath, "clinic notes");

        var (exitCode, output, error) = await RunServiceAsync();

        Assert.Equal(1, exitCode);
        Assert.Equal($"onshi-device: {SocketPath} exists and is not a socket; onshi-device will not remove it. Move it away or set OnshiDevice:Listeners:Socket to another path.\n", error);
        Assert.DoesNotContain("listening on", output, StringComparison.Ordinal);
        Assert.Equal("clinic notes", await File.ReadAllTextAsync(SocketPath));
    }

    [Fact]
    public async Task A_link_at_the_socket_path_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        var target = Path.Combine(_folder, "target");
        await File.WriteAllTextAsync(target, "kept");
        File.CreateSymbolicLink(SocketPath, target);

        var (exitCode, _, error) = await RunServiceAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("exists and is not a socket", error, StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(SocketPath).LinkTarget);
        Assert.Equal("kept", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task A_socket_another_process_serves_is_refused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SocketPath)!);
        using var other = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        other.Bind(new UnixDomainSocketEndPoint(SocketPath));
        other.Listen();

        var (exitCode, _, error) = await RunServiceAsync();

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"onshi-device: http://unix:{SocketPath} is in use: another onshi-device is probably running", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Task<RunningProgram> StartUntilListeningAsync(ProgramLaunch launch) => RunningProgram.StartAsync(launch, "onshi-device listening on");

    private Task<RunningProgram> StartServiceAsync(params string[] arguments) =>
        StartUntilListeningAsync(BuiltProgram.Service.Launch(["--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off", .. arguments]));

    private Task<ProgramResult> RunServiceAsync() =>
        ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off"));

    private static async Task<string> GroupOfAsync(string path)
    {
        var stat = await ProgramRun.ToExitAsync(new ProgramLaunch("stat", ["-c", "%g", path]));
        Assert.True(stat.ExitCode == 0, stat.ToString());
        return stat.Output.Trim();
    }
}
