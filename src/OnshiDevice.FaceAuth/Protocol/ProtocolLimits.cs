namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>The bounds on every variable field (docs/FACE-READER-PROTOCOL.md §3); a field past its bound is malformed.</summary>
internal static class ProtocolLimits
{
    /// <summary>The protocol versions this host speaks.</summary>
    public const byte MinVersion = 1;
    public const byte MaxVersion = 1;

    public const int DeviceTextBytes = 64;
    public const int FaultCodeBytes = 16;
    public const int FaultDetailBytes = 128;

    /// <summary>A card-face photo sent for comparison; the chip's DF27 is a few KiB.</summary>
    public const int MaxPhotoBytes = 30 * 1024;

    /// <summary>The face score is sent in ten-thousandths, 0 to 10000.</summary>
    public const ushort ScoreScale = 10_000;

    /// <summary>"Tries left unknown" on the method screen.</summary>
    public const byte UnknownTriesLeft = 0xFF;

    public const int MaxShownTriesLeft = 15;
}
