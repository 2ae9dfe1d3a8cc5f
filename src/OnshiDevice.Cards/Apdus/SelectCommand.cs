using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>SELECT (INS A4) the way the My Number card wants it: P2 0C, no FCI, no Le.</summary>
public static class SelectCommand
{
    private const byte Ins = 0xA4;
    private const byte NoResponseData = 0x0C;

    /// <summary>00 A4 04 0C Lc DF-name.</summary>
    public static CommandApdu ByName(ReadOnlySpan<byte> applicationId)
    {
        if (applicationId.Length is < 1 or > 16)
        {
            throw new ArgumentException("An application id has 1 to 16 bytes.", nameof(applicationId));
        }

        return new CommandApdu(0x00, Ins, 0x04, NoResponseData, applicationId.ToArray());
    }

    /// <summary>00 A4 02 0C 02 FID (an EF under the current DF).</summary>
    public static CommandApdu ByFileId(ushort fileId) =>
        new(0x00, Ins, 0x02, NoResponseData, new[] { (byte)(fileId >> 8), (byte)fileId });
}
