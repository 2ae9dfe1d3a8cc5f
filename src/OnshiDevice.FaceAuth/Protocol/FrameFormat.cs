namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>
/// The frame's layout on the line (docs/FACE-READER-PROTOCOL.md §2): <c>7E</c>, then, byte-stuffed, the payload length
/// (2 bytes, big-endian), the sequence number, the type, the payload and the CRC-16 (big-endian) of everything after
/// <c>7E</c>. Stuffing keeps <c>7E</c> out of a frame's body, so a receiver that lost its place starts again at the
/// next <c>7E</c> and a lying length byte costs at most that one frame.
/// </summary>
internal static class FrameFormat
{
    public const byte Start = 0x7E;
    public const byte Escape = 0x7D;
    public const byte EscapeMask = 0x20;

    /// <summary>Length, sequence number and type.</summary>
    public const int HeaderLength = 4;

    public const int CrcLength = 2;

    /// <summary>
    /// The largest payload either side sends or takes: room for a card-face photo (a few KiB of JPEG 2000 on real cards)
    /// with a wide margin, and small enough that a frame is a bounded buffer.
    /// </summary>
    public const int MaxPayloadLength = 32 * 1024;

    /// <summary>The most a frame can occupy unstuffed.</summary>
    public const int MaxBodyLength = HeaderLength + MaxPayloadLength + CrcLength;

    public static bool NeedsEscape(byte value) => value is Start or Escape;
}
