namespace OnshiDevice.Simulators.Control;

/// <summary>The simulated readers in the order positions count them, and the faults that affect them all.</summary>
public sealed record SimulationState(IReadOnlyList<SimulatedReaderState> Readers, bool TransmitFailure, bool PcscStopped);
