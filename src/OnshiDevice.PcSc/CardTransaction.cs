namespace OnshiDevice.PcSc;

// SHAPE ONLY: the PC/SC helper replaces the bodies.
public sealed class CardTransaction : IDisposable
{
    private CardTransaction() => throw new NotImplementedException();

    public void End(Disposition disposition) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
