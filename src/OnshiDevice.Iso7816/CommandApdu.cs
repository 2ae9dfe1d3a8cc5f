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

    /// <summary>The number of bytes <see cref="Encode"/> writes.</summary>
    public int EncodedLength
    {
        get
        {
            var extended = IsExtended;
            return 4
                + (Nc == 0 ? 0 : (extended ? 3 : 1) + Nc)
                + (Ne == 0 ? 0 : extended ? (Nc == 0 ? 3 : 2) : 1);
        }
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>
    /// Writes the encoding into a caller's buffer, so a transport can clear it afterwards
    /// (a VERIFY carries a PIN). Returns the number of bytes written.
    /// </summary>
    public int Encode(Span<byte> destination)
    {
        var length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The command needs {length} bytes; the buffer has {destination.Length}.", nameof(destination));
        }

        var extended = IsExtended;
        destination[0] = Cla;
        destination[1] = Ins;
        destination[2] = P1;
        destination[3] = P2;
        var offset = 4;
        if (Nc > 0)
        {
            if (extended)
            {
                destination[offset++] = 0;
                destination[offset++] = (byte)(Nc >> 8);
                destination[offset++] = (byte)Nc;
            }
            else
            {
                destination[offset++] = (byte)Nc;
            }

            Data.Span.CopyTo(destination[offset..]);
            offset += Nc;
        }

        if (Ne > 0)
        {
            if (extended)
            {
                if (Nc == 0)
                {
                    destination[offset++] = 0;
                }

                // 65536 is encoded as 00 00.
                destination[offset++] = (byte)(Ne >> 8);
                destination[offset++] = (byte)Ne;
            }
            else
            {
                // 256 is encoded as 00.
                destination[offset++] = (byte)Ne;
            }
        }

        return offset;
    }

    /// <summary>
    /// Decodes a command APDU (ISO/IEC 7816-3 §12.1.3 cases 1, 2S, 3S, 4S, 2E, 3E, 4E).
    /// For tests and tools; the card code builds commands, it never parses them.
    /// </summary>
    public static CommandApdu Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            throw new MalformedCommandException($"A command APDU needs at least 4 header bytes; got {bytes.Length}.");
        }

        var (cla, ins, p1, p2) = (bytes[0], bytes[1], bytes[2], bytes[3]);
        var body = bytes[4..];
        if (body.IsEmpty)
        {
            return new CommandApdu(cla, ins, p1, p2);
        }

        if (body.Length == 1)
        {
            return new CommandApdu(cla, ins, p1, p2, ne: ShortLength(body[0]));
        }

        if (body[0] != 0)
        {
            var nc = body[0];
            if (body.Length == 1 + nc)
            {
                return new CommandApdu(cla, ins, p1, p2, body.Slice(1, nc).ToArray());
            }

            if (body.Length == 2 + nc)
            {
                return new CommandApdu(cla, ins, p1, p2, body.Slice(1, nc).ToArray(), ShortLength(body[^1]));
            }

            throw new MalformedCommandException($"Short Lc {nc} does not match a body of {body.Length} bytes.");
        }

        if (body.Length == 3)
        {
            return new CommandApdu(cla, ins, p1, p2, ne: ExtendedLength(body[1], body[2]));
        }

        if (body.Length > 3)
        {
            var nc = (body[1] << 8) | body[2];
            if (nc != 0 && body.Length == 3 + nc)
            {
                return new CommandApdu(cla, ins, p1, p2, body.Slice(3, nc).ToArray());
            }

            if (nc != 0 && body.Length == 5 + nc)
            {
                return new CommandApdu(cla, ins, p1, p2, body.Slice(3, nc).ToArray(), ExtendedLength(body[^2], body[^1]));
            }
        }

        throw new MalformedCommandException($"A command body of {body.Length} bytes starting 00 fits no extended case.");
    }

    private static int ShortLength(byte value) => value == 0 ? MaxShortNe : value;

    private static int ExtendedLength(byte high, byte low)
    {
        var value = (high << 8) | low;
        return value == 0 ? MaxExtendedNe : value;
    }

    public override string ToString() => $"{Cla:X2} {Ins:X2} {P1:X2} {P2:X2} Nc={Nc} Ne={Ne}";
}
