namespace OnshiDevice.Simulators.MyNumber;

// SHAPE ONLY: the simulator helper replaces the bodies.
/// <summary>A My Number card (JPKI AP) that answers as reference/mynumber-card.md describes.</summary>
public sealed class VirtualMyNumberCard : IVirtualCard
{
    private VirtualMyNumberCard() => throw new NotImplementedException();

    public byte[] Atr => throw new NotImplementedException();

    public byte[] AuthCertificate => throw new NotImplementedException();

    public byte[] AuthCaCertificate => throw new NotImplementedException();

    public byte[] SigningCertificate => throw new NotImplementedException();

    public byte[] SigningCaCertificate => throw new NotImplementedException();

    public int AuthPinTriesLeft => throw new NotImplementedException();

    public int SigningPasswordTriesLeft => throw new NotImplementedException();

    public void Reset() => throw new NotImplementedException();

    public byte[] Process(ReadOnlySpan<byte> commandApdu) => throw new NotImplementedException();
}
