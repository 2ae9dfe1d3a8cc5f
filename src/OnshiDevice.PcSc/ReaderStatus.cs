namespace OnshiDevice.PcSc;

/// <summary>
/// SCARD_STATE_* flags reported by SCardGetStatusChange. The upper 16 bits of the native
/// value carry an event counter, which <see cref="ReaderStateQuery.EventCount"/> holds
/// separately so the flags compare cleanly.
/// </summary>
[Flags]
#pragma warning disable CA1028 // Matches the native flag width.
public enum ReaderStatus : uint
#pragma warning restore CA1028
{
    Unaware = 0x0000,
    Ignore = 0x0001,
    Changed = 0x0002,
    Unknown = 0x0004,
    Unavailable = 0x0008,
    Empty = 0x0010,
    Present = 0x0020,
    AtrMatch = 0x0040,
    Exclusive = 0x0080,
    InUse = 0x0100,
    Mute = 0x0200,
    Unpowered = 0x0400,
}
