using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>What a simulated face-auth reader says of itself and how it behaves on its own.</summary>
public sealed record VirtualFaceReaderOptions
{
    public string Model { get; init; } = "OnshiDevice virtual face reader";

    public string Firmware { get; init; } = "1.0.0";

    public string SerialNumber { get; init; } = "VFR-0001";

    public FaceReaderCapabilities Capabilities { get; init; } = FaceReaderCapabilities.PinPad | FaceReaderCapabilities.CardFaceOcr | FaceReaderCapabilities.Liveness;

    /// <summary>The protocol versions it speaks; a range without 1 plays a reader this host cannot talk to.</summary>
    public byte MinVersion { get; init; } = 1;

    public byte MaxVersion { get; init; } = 1;

    /// <summary>What the camera reports when no result was queued with <see cref="VirtualFaceReader.QueueFaceResult"/>.</summary>
    public FaceCaptured DefaultFaceResult { get; init; } = new(FaceCaptureOutcome.Compared, 0.93, Live: true);
}
