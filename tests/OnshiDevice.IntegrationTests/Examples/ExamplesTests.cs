using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests.Examples;

/// <summary>
/// The sample reception programs of examples/ (docs/CLIENTS.md), each run as a reception developer would run it,
/// against the service under --simulate on its Unix socket: the whole check-in sequence, and a wrong PIN reported
/// by its ErrorInfo reason with the tries left.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExamplesTests : IAsyncLifetime
{
    private static readonly BuiltProgram CSharpClient = new(Path.Combine("examples", "csharp", "ReceptionClient"), "reception-client.dll");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"onshi-examples-{Guid.NewGuid():N}");
    private RunningProgram _service = null!;

    private string Address => $"unix:{Path.Combine(_folder, "onshi-device.sock")}";

    public static TheoryData<string> Clients => new() { "csharp", "node" };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _service = await RunningProgram.StartAsync(
            BuiltProgram.Service.Launch("--simulate", $"--OnshiDevice:Listeners:Socket={Path.Combine(_folder, "onshi-device.sock")}", "--OnshiDevice:Listeners:Loopback=off"),
            "onshi-device listening on");
    }

    public async Task DisposeAsync()
    {
        Assert.Equal(0, await _service.StopAsync());
        await _service.DisposeAsync();
        ServiceDefects.AssertNone(_service.OutputLines, "onshi-device --simulate");
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task The_sample_client_checks_a_patient_in_with_the_card_and_its_pin(string client)
    {
        var result = await ProgramRun.ToExitAsync(Launch(client), input: VirtualMyNumberCards.AuthPin + "\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["health: SERVING", "card on: OnshiDevice Simulated Reader 0", "card type: MY_NUMBER", "certificate: valid, revocation GOOD", "PIN tries left: 3 of 3", "signed the challenge: 256 bytes"],
            lines.Select(Normalize));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task A_wrong_pin_is_reported_by_its_reason_with_the_tries_left(string client)
    {
        var result = await ProgramRun.ToExitAsync(Launch(client), input: "9999\n");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: PIN_INCORRECT (tries left: 2): ", result.Error.Split("PIN (4 digits): ")[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("9999", result.Output + result.Error, StringComparison.Ordinal);
    }

    private ProgramLaunch Launch(string client) => client switch
    {
        "csharp" => CSharpClient.Launch("--address", Address),
        "node" => new ProgramLaunch("node", [Path.Combine(RepositoryFolder.Root, "examples", "node", "reception-client.mjs"), Address]),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client, "no such example"),
    };

    /// <summary>The two languages spell enum values their own way (MyNumber, CARD_TYPE_MY_NUMBER): compare the value.</summary>
    private static string Normalize(string line) => line
        .Replace("Serving", "SERVING", StringComparison.Ordinal)
        .Replace("CARD_TYPE_MY_NUMBER", "MY_NUMBER", StringComparison.Ordinal).Replace("MyNumber", "MY_NUMBER", StringComparison.Ordinal)
        .Replace("REVOCATION_STATUS_GOOD", "GOOD", StringComparison.Ordinal).Replace("Good", "GOOD", StringComparison.Ordinal);
}
