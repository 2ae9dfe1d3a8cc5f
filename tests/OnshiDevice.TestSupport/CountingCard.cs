using OnshiDevice.Simulators;

namespace OnshiDevice.TestSupport;

/// <summary>Passes APDUs to a virtual card and counts them, so tests can prove a request never reached the card.</summary>
public sealed class CountingCard : IVirtualCard
{
    private readonly IVirtualCard _inner;
    private int _commands;

    public CountingCard(IVirtualCard inner)
    {
        _inner = inner;
    }

    public int Commands => Volatile.Read(ref _commands);

    public byte[] Atr => _inner.Atr;

    public void Reset() => _inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        Interlocked.Increment(ref _commands);
        return _inner.Process(commandApdu);
    }
}
