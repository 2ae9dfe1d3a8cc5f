namespace OnshiDevice.Simulators;

/// <summary>The status words the virtual cards answer (reference §3 table).</summary>
internal static class StatusWords
{
    public const ushort Ok = 0x9000;
    public const ushort WrongLength = 0x6700;
    public const ushort ChannelNotSupported = 0x6881;
    public const ushort SecureMessagingNotSupported = 0x6882;
    public const ushort ChainingNotSupported = 0x6884;
    public const ushort IncompatibleFileStructure = 0x6981;
    public const ushort SecurityStatusNotSatisfied = 0x6982;
    public const ushort AuthenticationMethodBlocked = 0x6983;
    public const ushort ReferenceDataBlocked = 0x6984;
    public const ushort ConditionsOfUseNotSatisfied = 0x6985;
    public const ushort NoCurrentEf = 0x6986;
    public const ushort SecureMessagingObjectsMissing = 0x69FC;
    public const ushort IncorrectData = 0x6A80;
    public const ushort FileNotFound = 0x6A82;
    public const ushort IncorrectP1P2 = 0x6A86;
    public const ushort ReferenceDataNotFound = 0x6A88;
    public const ushort WrongOffset = 0x6B00;
    public const ushort InsNotSupported = 0x6D00;
    public const ushort ClaNotSupported = 0x6E00;

    public static ushort TriesLeft(int tries) => (ushort)(0x63C0 | Math.Clamp(tries, 0, 15));

    public static byte[] Response(ushort statusWord) => [(byte)(statusWord >> 8), (byte)statusWord];

    public static byte[] Response(ReadOnlySpan<byte> data, ushort statusWord)
    {
        var response = new byte[data.Length + 2];
        data.CopyTo(response);
        response[^2] = (byte)(statusWord >> 8);
        response[^1] = (byte)statusWord;
        return response;
    }
}
