using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The way clinic IT runs it: the onshi-device program over the real pcscd, and the onshi command
/// line in another process, with a virtual card tapped on a vpcd reader.
/// </summary>
[Collection(PcscdCollection.Name)]
public sealed class ProgramsEndToEndTests(PcscdFixture pcscd) : IAsyncLifetime
{
    private const string Reader = PcscdFixture.Slot0Reader;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _serviceOutput = new();
    private Process _service = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        var port = FreeLoopbackPort();
        _address = $"http://127.0.0.1:{port}";
        _service = Process.Start(BuiltProgram.Service.StartInfo($"--OnshiDevice:Listen={_address}"))
            ?? throw new InvalidOperationException("Could not start onshi-device.");

        // Drain the service's output so a chatty log can never fill the pipe and stall it.
        _service.OutputDataReceived += (_, line) => Keep(line.Data);
        _service.ErrorDataReceived += (_, line) => Keep(line.Data);
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_service.HasExited)
            {
                throw new InvalidOperationException($"onshi-device exited with {_service.ExitCode}: {string.Join('\n', _serviceOutput)}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (!_service.HasExited)
        {
            _service.Kill(entireProcessTree: true);
            _service.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _service.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_command_line_reads_the_card_through_the_service_and_pcscd()
    {
        var card = VirtualMyNumberCards.Standard();
        await using var tap = await pcscd.TapAsync(card, PcscdFixture.Slot0Port, Reader);
        var certificateFile = Path.Combine(Path.GetTempPath(), $"onshi-e2e-{Guid.NewGuid():N}.der");
        try
        {
            var info = await Onshi("--reader", Reader, "card", "info");
            Assert.True(info.ExitCode == 0, info.Error);
            Assert.Contains("MY_NUMBER", info.Output, StringComparison.Ordinal);

            var pin = await Onshi("--reader", Reader, "pin", "status", "--kind", "auth");
            Assert.True(pin.ExitCode == 0, pin.Error);
            Assert.Contains("3 of 3 tries left", pin.Output, StringComparison.Ordinal);

            var read = await Onshi("--reader", Reader, "cert", "read", "--kind", "auth", "--der", "-o", certificateFile);
            Assert.True(read.ExitCode == 0, read.Error);
            Assert.Equal(card.AuthCertificate, await File.ReadAllBytesAsync(certificateFile));
        }
        finally
        {
            File.Delete(certificateFile);
        }
    }

    [Fact]
    public async Task An_empty_reader_is_one_error_line_with_its_reason()
    {
        var result = await Onshi("--reader", PcscdFixture.Slot1Reader, "card", "info");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: There is no card on the reader. [NO_CARD]", result.Error.Trim());
    }

    private Task<(int ExitCode, string Output, string Error)> Onshi(params string[] arguments) =>
        BuiltProgram.Cli.RunAsync(["--address", _address, .. arguments]);

    private void Keep(string? line)
    {
        if (line is not null && _serviceOutput.Count < 200)
        {
            _serviceOutput.Enqueue(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
