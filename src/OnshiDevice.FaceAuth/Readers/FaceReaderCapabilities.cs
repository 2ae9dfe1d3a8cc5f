namespace OnshiDevice.FaceAuth.Readers;

/// <summary>What a reader can do beyond the protocol's minimum, as its handshake announces.</summary>
[Flags]
public enum FaceReaderCapabilities
{
    None = 0,

    /// <summary>A keypad for the 4-digit PIN (<see cref="PinEntered"/>).</summary>
    PinPad = 1,

    /// <summary>A camera over the card that reads 照合番号B from the card face (<see cref="CardFaceNumberRead"/>).</summary>
    CardFaceOcr = 2,

    /// <summary>A liveness check with each face capture (<see cref="FaceCaptured.Live"/> is meaningful).</summary>
    Liveness = 4,
}
