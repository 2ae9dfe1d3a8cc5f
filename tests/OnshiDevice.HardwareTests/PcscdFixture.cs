using OnshiDevice.PcSc;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Vpcd;
using OnshiDevice.TestSupport;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The real pcscd with the project's vpcd reader configuration (started by scripts/start-pcscd,
/// which .ci/run and scripts/test call; the fixture starts it too when a developer runs the
/// tests directly). Virtual cards reach it over TCP on 127.0.0.1 only.
/// </summary>
public sealed class PcscdFixture : IAsyncLifetime
{
    public const string Slot0Reader = "Virtual PCD 00 00";
    public const string Slot1Reader = "Virtual PCD 00 01";
    public const int Slot0Port = 35963;
    public const int Slot1Port = 35964;

    public IPcscApi Api { get; } = PcscApi.ForCurrentPlatform();

    public Task InitializeAsync() => RunStartScriptAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Connects the card to a vpcd slot and waits until pcscd reports it. pcscd sees a card leave only
    /// at its next status poll, so the slot is first waited empty: a previous test's card must not be
    /// mistaken for this one. Taking the card off checks the privacy tripwire (<see cref="TappedCard"/>).
    /// </summary>
    public async Task<TappedCard> TapAsync(IVirtualCard card, int port, string reader)
    {
        await WaitForCardPresenceAsync(reader, present: false);
        var connection = await VpcdCardConnection.ConnectAsync(card, port: port);
        try
        {
            await WaitForCardPresenceAsync(reader, present: true);
            return new TappedCard(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task WaitForCardPresenceAsync(string reader, bool present) => PcscPresence.WaitAsync(Api, reader, present);

    /// <summary>Stops pcscd and starts it again, as an administrator or a crash would.</summary>
    public static Task RestartPcscdAsync() => RunStartScriptAsync("--restart");

    private static async Task RunStartScriptAsync(params string[] arguments)
    {
        var started = await ProgramRun.ToExitAsync(new ProgramLaunch(Path.Combine(RepositoryFolder.Root, "scripts", "start-pcscd"), arguments), limit: TimeSpan.FromSeconds(60));
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/start-pcscd failed: {started}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PcscdCollection : ICollectionFixture<PcscdFixture>
{
    // Every hardware-in-the-loop test shares the one pcscd and runs one at a time.
    public const string Name = "pcscd";
}
