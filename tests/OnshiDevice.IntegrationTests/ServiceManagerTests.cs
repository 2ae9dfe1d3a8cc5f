using System.Diagnostics;
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

        using var process = StartService(port, (NotifySocket: socketPath, ConfigurationFolder: _folder));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            var ready = await ReceiveAsync(notifications, timeout.Token);
            Assert.Contains("READY=1", ready.Split('\n'));

            // READY=1 is a promise that the listener is bound: the first call right after it must be served.
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            Assert.Equal(0, SendSignal(process.Id, Sigterm));
            var stopping = await ReceiveAsync(notifications, timeout.Token);
            Assert.Contains("STOPPING=1", stopping.Split('\n'));

            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Without_a_notification_socket_the_service_runs_as_a_console_program_and_stops_on_SIGTERM()
    {
        var port = FreeLoopbackPort();
        using var process = StartService(port, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
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

            Assert.Equal(0, SendSignal(process.Id, Sigterm));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Process StartService(int port, (string NotifySocket, string ConfigurationFolder)? manager)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "onshi-device.dll"));
        startInfo.ArgumentList.Add("--simulate");
        startInfo.ArgumentList.Add($"--OnshiDevice:Listeners:Loopback=http://127.0.0.1:{port}");
        startInfo.ArgumentList.Add($"--OnshiDevice:Listeners:Socket={Path.Combine(_folder, "onshi-device.sock")}");
        startInfo.Environment.Remove("NOTIFY_SOCKET");
        if (manager is { } given)
        {
            startInfo.Environment["NOTIFY_SOCKET"] = given.NotifySocket;
            startInfo.Environment["ONSHI_DEVICE_CONFIG_DIR"] = given.ConfigurationFolder;
        }

        IsolatedConfiguration.Apply(startInfo);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start onshi-device.");

        // Drained so the console log can never fill the pipe and stall the service.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
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
