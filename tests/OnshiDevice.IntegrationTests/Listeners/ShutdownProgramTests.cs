using Grpc.Core;
using OnshiDevice.Cli;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;

namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>Stopping the real program while reception software has a watch open, as it does all day.</summary>
public sealed class ShutdownProgramTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-shutdown-").FullName;

    private string SocketPath => Path.Combine(_folder, "onshi-device.sock");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_stop_ends_every_open_watch_with_service_stopping_and_the_program_exits_cleanly()
    {
        var service = await RunningProgram.StartAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off"),
            "onshi-device listening on");
        await using (service)
        {
            using var channel = ServiceAddress.Parse($"unix:{SocketPath}").CreateChannel();
            var readers = new ReadersClient(channel);
            using var first = readers.WatchReaders(new WatchReadersRequest());
            using var second = readers.WatchReaders(new WatchReadersRequest());
            Assert.True(await first.ResponseStream.MoveNext());
            Assert.True(await second.ResponseStream.MoveNext());

            var stopped = service.StopAsync();

            foreach (var watch in new[] { first, second })
            {
                await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "SERVICE_STOPPING", async () =>
                {
                    while (await watch.ResponseStream.MoveNext())
                    {
                        // The rest of the announcement, sent before the stop.
                    }
                });
            }

            Assert.Equal(0, await stopped);
        }

        Assert.Contains(service.OutputLines, line => line.Contains("SERVICE_STOPPING", StringComparison.Ordinal));
        ServiceDefects.AssertNone(service.OutputLines, "The onshi-device program's console");
    }
}
