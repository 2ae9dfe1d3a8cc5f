namespace OnshiDevice.Simulators.PcSc;

/// <summary>What state a <see cref="SimulatedReader"/> is in beyond holding a card or not.</summary>
public enum SimulatedReaderCondition
{
    Working,

    /// <summary>The card in it does not answer the reset: PRESENT | MUTE, no ATR, SCardConnect says SCARD_W_UNRESPONSIVE_CARD.</summary>
    CardMute,

    /// <summary>The reader cannot be used (its driver lost it): UNAVAILABLE beside PRESENT/EMPTY, SCardConnect says SCARD_E_READER_UNAVAILABLE.</summary>
    Unavailable,
}
