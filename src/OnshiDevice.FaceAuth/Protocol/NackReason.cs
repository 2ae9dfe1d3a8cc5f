namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>Why a side refused a frame it received intact (a Nack's one payload byte after the sequence number).</summary>
internal enum NackReason : byte
{
    /// <summary>A type this side does not know (a newer peer).</summary>
    UnknownType = 1,

    /// <summary>The payload does not decode for its type (length, range, an unknown enum value).</summary>
    MalformedPayload = 2,

    /// <summary>Understood but not possible now (no handshake yet, a capture without a camera...).</summary>
    NotNow = 3,
}
