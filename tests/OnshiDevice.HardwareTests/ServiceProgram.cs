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
    private readonly SensitiveTextScanner _scanner = SensitiveTextScanner.ForCatalogueCards();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-hardware-{Guid.NewGuid():N}");
    private RunningProgram _service = null!;

    /// <summary>The address onshi is given: the service's socket.</summary>
    public string Address => $"unix:{SocketPath}";

    private string SocketPath => Path.Combine(_folder, "onshi-device.sock");

    /// <summary>The service's last log lines, for a failure message.</summary>
    public string RecentOutput => _service.RecentOutput;

    public async Task InitializeAsync()
    {
        var environment = SimulatedTrustFolder.EnvironmentVariables().ToDictionary();

        // Every category at Trace, appsettings.json's quieter Microsoft.AspNetCore included: the tripwire reads it all.
        environment["Logging__LogLevel__Default"] = "Trace";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        _service = RunningProgram.Start(
            BuiltProgram.Service.Launch("--trust-test-roots", $"--OnshiDevice:Listeners:Socket={SocketPath}") with { Environment = environment });
        await _service.WaitUntilReachableAsync<SocketException>(
            async cancellation =>
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await probe.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellation);
            },
            TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        var output = _service.OutputLines;
        Assert.Contains(output, line => line.StartsWith("trce:", StringComparison.Ordinal));
        PrivacyTripwires.AssertNoCardViolations();
        PrivacyTripwires.AssertNoSensitiveText(output, _scanner, "The onshi-device program's console");
        ServiceDefects.AssertNone(output, "The onshi-device program's console");
    }

    /// <summary>
    /// Runs the onshi command line against this service to the end (bounded), writing <paramref name="input"/>
    /// to its standard input (not a terminal, so a PIN is read from there), and returns its exit code and output.
    /// </summary>
    public Task<ProgramResult> RunCliAsync(string input, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(input);
        foreach (var line in input.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            _scanner.AddSecret(line, "a PIN a test typed into onshi");
        }

        return ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch(["--address", Address, .. arguments]), input);
    }
}
