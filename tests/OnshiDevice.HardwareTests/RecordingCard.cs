using System.Collections.Concurrent;
using OnshiDevice.Simulators;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// Wraps a virtual card and keeps a copy of every command APDU exactly as it arrived through pcscd and
/// vpcd, so a test can tell which APDU form (extended length or command chaining) reached the card.
/// </summary>
internal sealed class RecordingCard(IVirtualCard inner) : IVirtualCard
{
    private readonly ConcurrentQueue<byte[]> _commands = new();

    public byte[] Atr => inner.Atr;

    /// <summary>The command APDUs received so far, oldest first. VERIFY commands carry the test PIN; they stay in the test.</summary>
    public IReadOnlyList<byte[]> Commands => [.. _commands];

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        _commands.Enqueue(commandApdu.ToArray());
        return inner.Process(commandApdu);
    }
}
