namespace OnshiDevice.Simulators.PcSc;

// SHAPE ONLY: the simulator helper replaces the bodies.
public sealed class SimulatedReader
{
    private SimulatedReader() => throw new NotImplementedException();

    public string Name => throw new NotImplementedException();

    public IVirtualCard? Card => throw new NotImplementedException();

    public bool SupportsExtendedLength => throw new NotImplementedException();

    /// <summary>Taps a card: the next status poll reports it present.</summary>
    public void Insert(IVirtualCard card) => throw new NotImplementedException();

    /// <summary>Takes the card away: open handles get SCARD_W_REMOVED_CARD.</summary>
    public void Remove() => throw new NotImplementedException();
}
