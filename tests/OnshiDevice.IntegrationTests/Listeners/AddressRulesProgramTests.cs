namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>
/// The onshi-device program refuses, before the host starts, every setting that would bind an address outside its
/// listener plan: one line on stderr naming the setting, exit 1, nothing bound.
/// </summary>
public sealed class AddressRulesProgramTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-rules-{Guid.NewGuid():N}");

    private string SocketPath => Path.Combine(_folder, "onshi-device.sock");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Kestrel__Endpoints__x__Url", "http://0.0.0.0:50999", "onshi-device: Kestrel:Endpoints:x:Url=http://0.0.0.0:50999 would listen on a network address without the clinic CA's client certificates")]
    [InlineData("Kestrel__Endpoints__lan__Url", "http://[::]:50999", "onshi-device: Kestrel:Endpoints:lan:Url=http://[::]:50999 would listen on a network address")]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:50999", "onshi-device: the host setting urls=http://0.0.0.0:50999")]
    [InlineData("ASPNETCORE_HTTP_PORTS", "50999", "onshi-device: the host setting http_ports=50999")]
    [InlineData("DOTNET_URLS", "http://127.0.0.1:50999", "onshi-device: the host setting urls=http://127.0.0.1:50999")]
    [InlineData("OnshiDevice__Listen", "http://127.0.0.1:50151", "onshi-device: OnshiDevice:Listen and OnshiDevice:AllowLan are replaced by OnshiDevice:Listeners")]
    [InlineData("OnshiDevice__Listeners__Lan", "https://192.0.2.1:50443", "onshi-device: OnshiDevice:Listeners:Lan needs the clinic CA")]
    public async Task A_setting_that_would_bind_outside_the_plan_stops_the_service_with_one_line(string variable, string value, string expected)
    {
        var (exitCode, output, error) = await ProgramRun.ToExitAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off") with
            {
                Environment = new Dictionary<string, string?> { [variable] = value },
            });

        Assert.Equal(1, exitCode);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("listening", output, StringComparison.Ordinal);
        Assert.False(File.Exists(SocketPath), "nothing may be bound");
    }

    [Fact]
    public async Task Urls_on_the_command_line_stop_the_service_too()
    {
        var (exitCode, _, error) = await ProgramRun.ToExitAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--urls", "http://0.0.0.0:50999"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("onshi-device: the host setting urls=http://0.0.0.0:50999", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_port_in_use_is_one_line_naming_it()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, _, error) = await ProgramRun.ToExitAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", $"--OnshiDevice:Listeners:Loopback=http://127.0.0.1:{port}"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"onshi-device: http://127.0.0.1:{port} is in use: another onshi-device is probably running", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
