namespace OnshiDevice.Iso7816;

/// <summary>
/// A command APDU (ISO/IEC 7816-4 §5.1). The case follows from the data field and Ne:
/// case 1 (neither), 2 (Ne only), 3 (data only), 4 (both). Short encoding is used while
/// Nc ≤ 255 and Ne ≤ 256; otherwise extended (Nc ≤ 65535, Ne ≤ 65536).
/// </summary>
public sealed class CommandApdu
{
    public const int MaxShortNc = 255;
    public const int MaxShortNe = 256;
    public const int MaxExtendedNc = 65535;
    public const int MaxExtendedNe = 65536;

    public CommandApdu(byte cla, byte ins, byte p1, byte p2, ReadOnlyMemory<byte> data = default, int ne = 0)
    {
        if (data.Length > MaxExtendedNc)
        {
            throw new ArgumentOutOfRangeException(nameof(data), data.Length, $"Nc is at most {MaxExtendedNc}.");
        }

        if (ne is < 0 or > MaxExtendedNe)
        {
            throw new ArgumentOutOfRangeException(nameof(ne), ne, $"Ne is 0 to {MaxExtendedNe}.");
        }

        Cla = cla;
        Ins = ins;
        P1 = p1;
        P2 = p2;
        Data = data;
        Ne = ne;
    }

    public byte Cla { get; }

    public byte Ins { get; }

    public byte P1 { get; }

    public byte P2 { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The maximum number of response data bytes expected; 0 when none (case 1 or 3).</summary>
    public int Ne { get; }

    public int Nc => Data.Length;

    public bool IsExtended => Nc > MaxShortNc || Ne > MaxShortNe;

    public int Case => (Nc, Ne) switch
    {
        (0, 0) => 1,
        (0, _) => 2,
        (_, 0) => 3,
        _ => 4,
    };

    /// <summary>A copy with another Ne (used for 6Cxx re-sends and chunked reads).</summary>
    public CommandApdu WithNe(int ne) => new(Cla, Ins, P1, P2, Data, ne);

    public byte[] ToBytes()
    {
        var extended = IsExtended;
        var length = 4
            + (Nc == 0 ? 0 : (extended ? 3 : 1) + Nc)
            + (Ne == 0 ? 0 : extended ? (Nc == 0 ? 3 : 2) : 1);
        var bytes = new byte[length];
        bytes[0] = Cla;
        bytes[1] = Ins;
        bytes[2] = P1;
        bytes[3] = P2;
        var offset = 4;
        if (Nc > 0)
        {
            if (extended)
            {
                bytes[offset++] = 0;
                bytes[offset++] = (byte)(Nc >> 8);
                bytes[offset++] = (byte)Nc;
            }
            else
            {
                bytes[offset++] = (byte)Nc;
            }

            Data.Span.CopyTo(bytes.AsSpan(offset));
            offset += Nc;
        }

        if (Ne > 0)
        {
            if (extended)
            {
                if (Nc == 0)
                {
                    bytes[offset++] = 0;
                }

                // 65536 is encoded as 00 00.
                bytes[offset++] = (byte)(Ne >> 8);
                bytes[offset] = (byte)Ne;
            }
            else
            {
                // 256 is encoded as 00.
                bytes[offset] = (byte)Ne;
            }
        }

        return bytes;
    }

    public override string ToString() => $"{Cla:X2} {Ins:X2} {P1:X2} {P2:X2} Nc={Nc} Ne={Ne}";
}
