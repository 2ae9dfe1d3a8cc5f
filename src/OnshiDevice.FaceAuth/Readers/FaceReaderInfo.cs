namespace OnshiDevice.FaceAuth.Readers;

/// <summary>What a reader says of itself in the handshake. Texts are the device's, bounded by the protocol.</summary>
/// <param name="ProtocolVersion">The protocol version both sides agreed on.</param>
public sealed record FaceReaderInfo(string Model, string Firmware, string SerialNumber, int ProtocolVersion, FaceReaderCapabilities Capabilities);
