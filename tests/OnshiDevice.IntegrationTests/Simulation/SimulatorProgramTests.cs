namespace OnshiDevice.IntegrationTests.Simulation;

/// <summary>
/// QA's workflow with the built programs: one <c>onshi-device --simulate</c>, <c>onshi watch</c> open on it, and
/// <c>onshi-sim</c> taking cards out, putting them in and swapping them from a script; no pcscd anywhere.
/// </summary>
public sealed class SimulatorProgramTests : IDisposable
{
    private const string Reader0 = "OnshiDevice Simulated Reader 0";
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-sim-control-").FullName;

    private string SocketPath => Path.Combine(_folder, "onshi-device.sock");

    private string Address => $"unix:{SocketPath}";

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Onshi_watch_shows_each_removal_and_insertion_onshi_sim_makes()
    {
        await using var service = await StartServiceAsync("--simulate");
        await using var watch = RunningProgram.Start(BuiltProgram.Cli.Launch("watch", "--address", Address));
        await watch.WaitForLineAsync(line => IsEvent(line, "CARD_INSERTED"));

        var removed = await SimAsync("remove", "--reader", "0");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Equal($"{Reader0}: empty\n", removed.Output);
        await watch.WaitForLineAsync(line => IsEvent(line, "CARD_REMOVED"));

        var inserted = await SimAsync("insert", "--reader", "0", "hpki-doctor");
        Assert.True(inserted.ExitCode == 0, inserted.ToString());
        Assert.Equal($"{Reader0}: hpki-doctor\n", inserted.Output);
        await watch.WaitForLineAsync(EventAfter("CARD_REMOVED", "CARD_INSERTED"));

        var swapped = await SimAsync("swap", "standard", "--reader", Reader0);
        Assert.True(swapped.ExitCode == 0, swapped.ToString());
        Assert.Equal($"{Reader0}: standard\n", swapped.Output);
        await watch.WaitForLineAsync(EventAfter("CARD_INSERTED", "CARD_REMOVED", "CARD_INSERTED"));

        var status = await SimAsync("status");
        Assert.Equal($"0 {Reader0}: standard\n1 OnshiDevice Simulated Reader 1: empty\nfaults: none\n", status.Output);

        // The card of the readers service is the one swapped in.
        var card = await ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch("card", "info", "--address", Address, "--reader", Reader0));
        Assert.True(card.ExitCode == 0, card.ToString());
        Assert.Contains("MY_NUMBER", card.Output, StringComparison.Ordinal);
        ServiceDefects.AssertNone(service.OutputLines, "The onshi-device program's console");
    }

    [Fact]
    public async Task Readers_and_faults_are_scriptable_and_a_mistake_is_one_line_from_the_service()
    {
        await using var service = await StartServiceAsync("--simulate");

        Assert.Equal("QA Reader: empty\n", (await SimAsync("reader", "add", "QA Reader")).Output);
        Assert.Equal("2: mute\n", (await SimAsync("fault", "mute", "--reader", "2")).Output);
        Assert.Equal("fault: transmit\n", (await SimAsync("fault", "transmit")).Output);
        Assert.Contains("2 QA Reader: empty (card mute)\nfaults: transmit\n", (await SimAsync("status")).Output, StringComparison.Ordinal);
        Assert.Equal("faults: none\n", (await SimAsync("fault", "clear")).Output);
        Assert.Equal("QA Reader: removed\n", (await SimAsync("reader", "remove", "QA Reader")).Output);

        var occupied = await SimAsync("insert", "hpki-doctor");
        Assert.Equal(2, occupied.ExitCode);
        Assert.Equal("onshi-sim: The reader already holds a card; take it out first, or swap it. [CARD_PRESENT]\n", occupied.Error);

        var missing = await SimAsync("remove", "--reader", "9");
        Assert.Equal(2, missing.ExitCode);
        Assert.EndsWith("[READER_NOT_FOUND]\n", missing.Error, StringComparison.Ordinal);
        Assert.Single(missing.Error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("insert", "platinum-card")]
    [InlineData("insert")]
    [InlineData("fault", "mute", "--reader")]
    [InlineData("fault", "sideways")]
    [InlineData("reader", "add")]
    [InlineData("--timeout", "abc", "status")]
    [InlineData("--timeout", "0", "status")]
    [InlineData("statu")]
    public async Task A_bad_argument_is_one_line_and_exit_code_1_without_a_call(params string[] arguments)
    {
        // No service at the address: a call would fail with exit code 2, not 1.
        var result = await SimAsync(arguments);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Output);
        Assert.StartsWith("onshi-sim: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task A_service_that_is_not_simulated_has_no_simulator_control()
    {
        // Real PC/SC, pointed at a pcscd socket that does not exist: the machine's pcscd is not touched.
        await using var service = await StartServiceAsync(environment: new Dictionary<string, string?> { ["PCSCLITE_CSOCK_NAME"] = Path.Combine(_folder, "no-pcscd.comm") });

        var result = await SimAsync("status");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"onshi-sim: the service at {Address} has no simulator control: it is not running with --simulate\n", result.Error);
    }

    [Fact]
    public async Task Without_a_service_onshi_sim_says_so_in_one_line()
    {
        var result = await SimAsync("remove");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"onshi-sim: cannot reach onshi-device --simulate at {Address}; is it running, and is --address right?\n", result.Error);
    }

    private static bool IsEvent(string line, string kind) =>
        line.Contains(kind, StringComparison.Ordinal) && line.Contains(Reader0, StringComparison.Ordinal);

    // Matches once the events of reader 0 seen so far end with this sequence; the watch's lines are offered in order.
    private static Func<string, bool> EventAfter(params string[] kinds)
    {
        var seen = new List<string>();
        return line =>
        {
            if (kinds.FirstOrDefault(kind => IsEvent(line, kind)) is { } kind)
            {
                seen.Add(kind);
            }

            return seen.Count >= kinds.Length && seen[^kinds.Length..].SequenceEqual(kinds);
        };
    }

    private Task<ProgramResult> SimAsync(params string[] arguments) =>
        ProgramRun.ToExitAsync(BuiltProgram.Simulator.Launch([.. arguments, "--address", Address]));

    private async Task<RunningProgram> StartServiceAsync(string? simulate = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string[] arguments = [$"--OnshiDevice:Listeners:Socket={SocketPath}", "--OnshiDevice:Listeners:Loopback=off"];
        var launch = BuiltProgram.Service.Launch(simulate is null ? arguments : [simulate, .. arguments]) with
        {
            Environment = environment ?? new Dictionary<string, string?>(),
        };
        return await RunningProgram.StartAsync(launch, "onshi-device listening on");
    }
}
