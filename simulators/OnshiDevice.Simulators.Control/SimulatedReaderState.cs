using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.Simulators.Control;

/// <summary>One simulated reader as <see cref="SimulatorControl"/> reports it: its name, the ready-made card in it (null: empty), its condition.</summary>
public sealed record SimulatedReaderState(string Name, string? Card, SimulatedReaderCondition Condition);
