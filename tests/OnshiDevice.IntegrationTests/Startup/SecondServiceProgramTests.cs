using OnshiDevice.Contracts;
using System.Net;
using System.Net.Sockets;
using OnshiDevice.Cli;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.IntegrationTests.Startup;

/// <summary>
/// A second onshi-device started while the first still runs (the README's doctor section once did that): one line
/// naming the address in use and what to do, exit 1, no trace; the first keeps serving.
/// </summary>
public sealed class SecondServiceProgramTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-second-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_service_on_the_address_the_first_holds_is_one_line_saying_another_is_running(bool sameSocket)
    {
        var socket = Path.Combine(_folder, "first.sock");
        var loopback = $"http://127.0.0.1:{FreePort()}";
        await using var first = await RunningProgram.StartAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={socket}", $"--OnshiDevice:Listeners:Loopback={loopback}"),
            "onshi-device listening on");

        var secondSocket = sameSocket ? socket : Path.Combine(_folder, "second.sock");
        var second = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch(
            "--simulate", "--simulate-card", "hpki-doctor", $"--OnshiDevice:Listeners:Socket={secondSocket}", $"--OnshiDevice:Listeners:Loopback={loopback}"));

        Assert.True(second.ExitCode == 1, second.ToString());
        var line = Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (address, setting) = sameSocket ? ($"http://unix:{socket}", "OnshiDevice:Listeners:Socket") : (loopback, "OnshiDevice:Listeners:Loopback");
        Assert.Equal(
            $"onshi-device: {address} is in use: another onshi-device is probably running (stop it first, e.g. Ctrl+C in its terminal or `systemctl stop onshi-device`), or set {setting} to another address.",
            line);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", second.Output, StringComparison.Ordinal);

        using var channel = ServiceAddress.Parse($"unix:{socket}").CreateChannel();
        var readers = await new Readers.ReadersClient(channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Equal(2, readers.Readers.Count);
        Assert.False(first.HasExited);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
