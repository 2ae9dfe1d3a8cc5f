using OnshiDevice.Simulators;

namespace OnshiDevice.Benchmarks;

/// <summary>Counts the APDUs a card receives, so the benchmark reports what each path costs in card round trips.</summary>
internal sealed class CountingCard(IVirtualCard inner) : IVirtualCard
{
    private int _commands;

    public int Commands => Volatile.Read(ref _commands);

    public byte[] Atr => inner.Atr;

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        Interlocked.Increment(ref _commands);
        return inner.Process(commandApdu);
    }
}
