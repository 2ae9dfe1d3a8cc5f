using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The onshi-device program under a service manager's notification socket (sd_notify(3)): this machine has no systemd
/// as PID 1, so the test plays systemd's part, with a datagram socket of its own named in NOTIFY_SOCKET.
/// </summary>
public sealed class ServiceManagerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-notify-").FullName;

    [Fact]
    public async Task The_service_says_READY_1_once_it_answers_and_STOPPING_1_on_SIGTERM_then_exits_0()
    {
        var socketPath = Path.Combine(_folder, "notify");
        using var notifications = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notifications.Bind(new UnixDomainSocketEndPoint(socketPath));
        var port = FreeLoopbackPort();

        await using var process = StartService(port, (NotifySocket: socketPath, ConfigurationFolder: _folder));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ready = await ReceiveAsync(notifications, timeout.Token);
        Assert.Contains("READY=1", ready.Split('\n'));

        // READY=1 is a promise that the listener is bound: the first call right after it must be served.
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        Assert.Equal(0, SendSignal(process.ProcessId, Sigterm));
        var stopping = await ReceiveAsync(notifications, timeout.Token);
        Assert.Contains("STOPPING=1", stopping.Split('\n'));

        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Fact]
    public async Task Without_a_notification_socket_the_service_runs_as_a_console_program_and_stops_on_SIGTERM()
    {
        var port = FreeLoopbackPort();
        await using var process = StartService(port, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = new Health.HealthClient(channel);
        while (true)
        {
            try
            {
                await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: timeout.Token);
                break;
            }
            catch (Grpc.Core.RpcException) when (!process.HasExited)
            {
                // Not listening yet: without NOTIFY_SOCKET there is nothing to wait on but the port itself.
                await Task.Delay(100, timeout.Token);
            }
        }

        Assert.Equal(0, SendSignal(process.ProcessId, Sigterm));
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RunningProgram StartService(int port, (string NotifySocket, string ConfigurationFolder)? manager)
    {
        var environment = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = manager?.NotifySocket };
        if (manager is { } given)
        {
            environment[IsolatedConfiguration.Variable] = given.ConfigurationFolder;
        }

        return RunningProgram.Start(BuiltProgram.Service.Launch(
            "--simulate",
            $"--OnshiDevice:Listeners:Loopback=http://127.0.0.1:{port}",
            $"--OnshiDevice:Listeners:Socket={Path.Combine(_folder, "onshi-device.sock")}") with { Environment = environment });
    }

    private static async Task<string> ReceiveAsync(Socket socket, CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellation);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
