using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OnshiDevice.Simulators;
using OnshiDevice.TestSupport;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The onshi-device program as a separate process over the real pcscd, listening on a Unix socket of its own folder,
/// with the simulators' trust configured through environment variables as clinic IT would. Started once
/// per test class (a class fixture): tests tap their cards one after another on the same running service.
/// It logs at Trace level (Logging__LogLevel__*), and its teardown fails the class when any console line holds a
/// PIN (the catalogue cards' or one given to <see cref="RunCliAsync"/>), a password or personal data.
/// </summary>
public sealed class ServiceProgram : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly SensitiveTextScanner _scanner = SensitiveTextScanner.ForCatalogueCards();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-hardware-{Guid.NewGuid():N}");
    private Process _process = null!;

    /// <summary>The address onshi is given: the service's socket.</summary>
    public string Address => $"unix:{SocketPath}";

    private string SocketPath => Path.Combine(_folder, "onshi-device.sock");

    /// <summary>The service's last log lines, for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(200));

    public async Task InitializeAsync()
    {
        var startInfo = BuiltProgram.Service.StartInfo("--trust-test-roots", $"--OnshiDevice:Listeners:Socket={SocketPath}");
        foreach (var (name, value) in SimulatedTrustFolder.EnvironmentVariables())
        {
            startInfo.Environment[name] = value;
        }

        // Every category at Trace, appsettings.json's quieter Microsoft.AspNetCore included: the tripwire reads it all.
        startInfo.Environment["Logging__LogLevel__Default"] = "Trace";
        startInfo.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start onshi-device.");

        // Drain the service's output so a chatty log can never fill the pipe and stall it.
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"onshi-device exited with {_process.ExitCode}: {RecentOutput}");
            }

            try
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await probe.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        // The parameterless wait returns only once the redirected output has been read to its end.
        _process.WaitForExit();
        _process.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        Assert.Contains(_output, line => line.StartsWith("trce:", StringComparison.Ordinal));
        PrivacyTripwires.AssertNoCardViolations();
        PrivacyTripwires.AssertNoSensitiveText(_output, _scanner, "The onshi-device program's console");
        ServiceDefects.AssertNone(_output, "The onshi-device program's console");
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs the onshi command line against this service to the end (bounded), writing <paramref name="input"/>
    /// to its standard input (not a terminal, so a PIN is read from there), and returns its exit code and output.
    /// </summary>
    public Task<(int ExitCode, string Output, string Error)> RunCliAsync(string input, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var line in input.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            _scanner.AddSecret(line, "a PIN a test typed into onshi");
        }

        return BuiltProgram.Cli.RunAsync(input, ["--address", Address, .. arguments]);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
