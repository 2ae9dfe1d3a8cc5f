using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>A card for the PC/SC layer's tests: a fixed ATR, and answers a test writes (9000 to everything until it does).</summary>
internal sealed class AnsweringCard(byte[] atr) : IVirtualCard
{
    private volatile Func<byte[], byte[]> _answer = _ => [0x90, 0x00];

    public byte[] Atr { get; } = atr;

    /// <summary>Answers one command; it may block, as a card that does not answer does.</summary>
    public Func<byte[], byte[]> Answer
    {
        get => _answer;
        set => _answer = value;
    }

    public void Reset()
    {
        // Nothing volatile to lose: the answers are the test's.
    }

    public byte[] Process(ReadOnlySpan<byte> commandApdu) => _answer(commandApdu.ToArray());
}
