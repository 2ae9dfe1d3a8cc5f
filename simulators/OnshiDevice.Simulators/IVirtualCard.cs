namespace OnshiDevice.Simulators;

/// <summary>
/// A card that answers APDUs the way the real one does. Transports (the in-process PC/SC
/// simulator, the vpcd socket) call it; it knows nothing of them.
/// </summary>
public interface IVirtualCard
{
    /// <summary>The answer-to-reset the card presents.</summary>
    byte[] Atr { get; }

    /// <summary>Power-up or warm reset: volatile state (current DF, security state) is lost; retry counters are not.</summary>
    void Reset();

    /// <summary>Answers one command APDU with the full response (data and SW1 SW2).</summary>
    byte[] Process(ReadOnlySpan<byte> commandApdu);
}
