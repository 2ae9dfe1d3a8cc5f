using OnshiDevice.Simulators;

namespace OnshiDevice.Benchmarks.Listeners;

/// <summary>A virtual card that takes a fixed time per APDU, as a real contactless card does (card-like latency).</summary>
internal sealed class SlowCard(IVirtualCard inner, TimeSpan perApdu) : IVirtualCard
{
    public byte[] Atr => inner.Atr;

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        if (perApdu > TimeSpan.Zero)
        {
            Thread.Sleep(perApdu);
        }

        return inner.Process(commandApdu);
    }
}
