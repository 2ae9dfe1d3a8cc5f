namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>
/// CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR): the check every frame carries.
/// Chosen because every microcontroller library has it; its check value ("123456789" → 0x29B1) is in the protocol document.
/// </summary>
internal static class Crc16Ccitt
{
    private const ushort Polynomial = 0x1021;
    private const ushort Initial = 0xFFFF;

    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data) => Append(Initial, data);

    /// <summary>Continues <paramref name="crc"/> over <paramref name="data"/>, so a frame's parts need not be contiguous.</summary>
    public static ushort Append(ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ Table[((crc >> 8) ^ b) & 0xFF]);
        }

        return crc;
    }

    public static ushort Start => Initial;

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 0x8000) != 0 ? (ushort)((value << 1) ^ Polynomial) : (ushort)(value << 1);
            }

            table[i] = value;
        }

        return table;
    }
}
