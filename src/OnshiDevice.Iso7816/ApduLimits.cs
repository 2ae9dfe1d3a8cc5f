namespace OnshiDevice.Iso7816;

/// <summary>
/// The largest command data field (Nc) and response data field (Ne) a channel carries in one APDU, as
/// the reader reports them. Short APDUs carry 255 and 256 bytes; extended APDUs up to 65535 and 65536.
/// </summary>
public readonly record struct ApduLimits
{
    public ApduLimits(int maxCommandData, int maxResponseData)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCommandData, CommandApdu.MaxShortNc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCommandData, CommandApdu.MaxExtendedNc);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxResponseData, CommandApdu.MaxShortNe);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxResponseData, CommandApdu.MaxExtendedNe);
        MaxCommandData = maxCommandData;
        MaxResponseData = maxResponseData;
    }

    /// <summary>A reader that carries short APDUs only.</summary>
    public static ApduLimits Short { get; } = new(CommandApdu.MaxShortNc, CommandApdu.MaxShortNe);

    /// <summary>A reader that carries every extended APDU (or does not say otherwise).</summary>
    public static ApduLimits Extended { get; } = new(CommandApdu.MaxExtendedNc, CommandApdu.MaxExtendedNe);

    public int MaxCommandData { get; }

    public int MaxResponseData { get; }

    /// <summary>Whether extended APDUs are carried at all.</summary>
    public bool CarriesExtended => MaxCommandData > CommandApdu.MaxShortNc || MaxResponseData > CommandApdu.MaxShortNe;

    /// <summary>Whether <paramref name="command"/> goes whole in one APDU within these limits.</summary>
    public bool Carries(CommandApdu command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Nc <= MaxCommandData && command.Ne <= MaxResponseData;
    }

    /// <summary>The reader's report of its largest APDU data field: under 261 bytes (or 0, CCID's "short only") it carries short APDUs only.</summary>
    public static ApduLimits FromMaxDataSize(int maxDataSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDataSize);
        return maxDataSize < ExtendedThreshold
            ? Short
            : new(Math.Min(maxDataSize, CommandApdu.MaxExtendedNc), Math.Min(maxDataSize, CommandApdu.MaxExtendedNe));
    }

    /// <summary>An extended APDU's data field is longer than a short one; a reader that reports less carries short APDUs only.</summary>
    private const int ExtendedThreshold = 261;
}
