using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>READ BINARY (00 B0) of the current EF with a 15-bit offset in P1-P2.</summary>
public static class ReadBinaryCommand
{
    /// <summary>The largest offset P1-P2 can carry (bit 8 of P1 set would mean an SFI).</summary>
    public const int MaxOffset = 0x7FFF;

    public static CommandApdu Create(int offset, int ne)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, MaxOffset);
        ArgumentOutOfRangeException.ThrowIfLessThan(ne, 1);
        return new CommandApdu(0x00, 0xB0, (byte)(offset >> 8), (byte)offset, ne: ne);
    }
}
