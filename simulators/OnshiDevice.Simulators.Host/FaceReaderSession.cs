using System.Runtime.InteropServices;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;
using OnshiDevice.Simulators.FaceReader.Scenarios;

namespace OnshiDevice.Simulators.Host;

/// <summary>
/// <c>onshi-sim face-reader</c>: a simulated face-auth reader on a pty pair (or a serial device), its card slot a vpcd
/// reader holding a virtual card, played from a scenario file and then from stdin lines in the same grammar.
/// </summary>
internal static class FaceReaderSession
{
    public sealed record Settings(
        string? PtyFolder,
        string? SerialPort,
        FileInfo? Scenario,
        string? Card,
        int VpcdPort,
        FaceReaderCapabilities Capabilities,
        bool ExitAfterScenario);

    public static async Task<int> RunAsync(Settings settings, TextReader input, TextWriter output, TextWriter error, CancellationToken stopRequested)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopRequested);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        var cancellationToken = stop.Token;

        IReadOnlyList<ScenarioStep> steps = [];
        if (settings.Scenario is { } file)
        {
            try
            {
                steps = ScenarioParser.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
            }
            catch (Exception e) when (e is ScenarioException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"onshi-sim: {file.Name}: {e.Message}");
                return 2;
            }
        }

        await using var reader = new VirtualFaceReader(new VirtualFaceReaderOptions { Capabilities = settings.Capabilities });
        await using var slot = settings.Card is { } card ? new VpcdCardSlot(VirtualCardCatalog.Create(card), settings.VpcdPort) : null;
        reader.CardSlot = slot;

        using var cable = settings.SerialPort is null ? await SocatCable.CreateAsync(settings.PtyFolder, cancellationToken) : null;
        var port = new SerialFaceReaderPort(cable?.ReaderEnd ?? settings.SerialPort!);
        await output.WriteLineAsync(cable is null
            ? $"face reader on {settings.SerialPort}"
            : $"face reader ready: point the service at {cable.HostEnd} (the reader's end is {cable.ReaderEnd})");
        if (slot is not null)
        {
            await output.WriteLineAsync($"its card slot: vpcd 127.0.0.1:{settings.VpcdPort}, card {settings.Card} (placed by 'place-card')");
        }

        var serving = reader.ServeAsync(port, cancellationToken);
        var player = new ScenarioPlayer(reader, cable, output);
        try
        {
            foreach (var step in steps)
            {
                await PlayAsync(player, step, output, cancellationToken);
            }

            if (settings.Scenario is not null)
            {
                await output.WriteLineAsync($"scenario {settings.Scenario.Name} played ({steps.Count} steps)");
            }

            if (!settings.ExitAfterScenario)
            {
                await PlayInputAsync(player, input, output, cancellationToken);
            }
        }
        catch (ScenarioException e)
        {
            await error.WriteLineAsync($"onshi-sim: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
        }

        return 0;
    }

    private static async Task PlayAsync(ScenarioPlayer player, ScenarioStep step, TextWriter output, CancellationToken cancellationToken)
    {
        await player.PlayAsync(step, cancellationToken);
        if (step is not ExpectStep)
        {
            await output.WriteLineAsync($"line {step.Line}: {Describe(step)}");
        }
    }

    /// <summary>Typed steps: a bad line or an unmet expectation is reported and the session goes on.</summary>
    private static async Task PlayInputAsync(ScenarioPlayer player, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var line = 0;
        while (await Task.Run(input.ReadLine, cancellationToken).WaitAsync(cancellationToken) is { } text)
        {
            line++;
            try
            {
                if (ScenarioParser.ParseLine(text, line) is { } step)
                {
                    await PlayAsync(player, step, output, cancellationToken);
                }
            }
            catch (ScenarioException e)
            {
                await output.WriteLineAsync(e.Message);
            }
        }
    }

    private static string Describe(ScenarioStep step) => step switch
    {
        PinStep => "pin entered",
        PlaceCardStep { CardFaceNumber: not null } => "card placed (its card-face number read)",
        PlaceCardStep => "card placed",
        _ => step.GetType().Name.Replace("Step", string.Empty, StringComparison.Ordinal).ToLowerInvariant() + " done",
    };
}
