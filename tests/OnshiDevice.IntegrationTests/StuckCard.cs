using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>A card that stops answering until released, like one slid half off the reader.</summary>
public sealed class StuckCard : IVirtualCard, IDisposable
{
    private readonly ManualResetEventSlim _released = new();

    public byte[] Atr { get; } = [0x3B, 0x80, 0x80, 0x01, 0x01];

    public int Commands { get; private set; }

    public void Release() => _released.Set();

    public void Reset()
    {
    }

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        Commands++;

        // Bounded so a failing test cannot hang the run.
        _released.Wait(TimeSpan.FromSeconds(30));
        return [0x6A, 0x82];
    }

    public void Dispose() => _released.Dispose();
}
