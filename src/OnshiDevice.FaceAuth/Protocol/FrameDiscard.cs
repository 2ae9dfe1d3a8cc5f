namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>Why the parser dropped what it had of a frame and went looking for the next start byte.</summary>
internal enum FrameDiscard
{
    /// <summary>The CRC does not match: line noise, or two frames run together.</summary>
    BadCrc,

    /// <summary>The length field is over <see cref="FrameFormat.MaxPayloadLength"/>.</summary>
    TooLong,

    /// <summary>A start byte came before the frame was complete: the sender was cut off (a cable pulled, a restart).</summary>
    Cut,

    /// <summary>An escape byte followed by something no sender stuffs.</summary>
    BadEscape,
}
