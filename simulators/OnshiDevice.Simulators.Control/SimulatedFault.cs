namespace OnshiDevice.Simulators.Control;

/// <summary>What <see cref="SimulatorControl.InjectFault"/> can make go wrong, each on a switch <see cref="PcSc.SimulatedPcscApi"/> already has.</summary>
public enum SimulatedFault
{
    /// <summary>The reader's card does not answer the reset (<see cref="PcSc.SimulatedReaderCondition.CardMute"/>).</summary>
    CardMute,

    /// <summary>The reader's driver lost it (<see cref="PcSc.SimulatedReaderCondition.Unavailable"/>).</summary>
    ReaderUnavailable,

    /// <summary>Every SCardTransmit fails with SCARD_E_COMM_ERROR while the cards stay in.</summary>
    TransmitFailure,

    /// <summary>The PC/SC service stops, as pcscd going down.</summary>
    PcscStopped,
}
