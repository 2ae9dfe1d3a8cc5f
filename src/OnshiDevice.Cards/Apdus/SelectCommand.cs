using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// SELECT (INS A4). The My Number card gets P2 0C (no FCI, no Le); the HPKI card's application is
/// selected the way its reference flow does it, asking for the FCI.
/// </summary>
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

    /// <summary>
    /// 00 A4 04 00 Lc DF-name 00: the FCI is requested (and ignored), byte for byte what the HPKI
    /// card's reference flow sends (hpki-card.md A.1.2).
    /// </summary>
    public static CommandApdu ByNameWithFci(ReadOnlySpan<byte> applicationId)
    {
        if (applicationId.Length is < 1 or > 16)
        {
            throw new ArgumentException("An application id has 1 to 16 bytes.", nameof(applicationId));
        }

        return new CommandApdu(0x00, Ins, 0x04, 0x00, applicationId.ToArray(), CommandApdu.MaxShortNe);
    }

    /// <summary>The form <paramref name="application"/> is selected with, by identification and by its card class alike.</summary>
    public static CommandApdu For(CardApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.SelectReturnsFci ? ByNameWithFci(application.ApplicationId.Span) : ByName(application.ApplicationId.Span);
    }

    /// <summary>00 A4 02 0C 02 FID (an EF under the current DF).</summary>
    public static CommandApdu ByFileId(ushort fileId) =>
        new(0x00, Ins, 0x02, NoResponseData, new[] { (byte)(fileId >> 8), (byte)fileId });
}
