namespace OnshiDevice.Simulators;

/// <summary>
/// A command APDU as a card sees it (ISO/IEC 7816-3 cases 1-4, short and extended). Parsed
/// here rather than with the product's encoder so that each checks the other.
/// </summary>
internal readonly struct CardCommand
{
    private CardCommand(byte cla, byte ins, byte p1, byte p2, ReadOnlyMemory<byte> data, int? ne, bool extended)
    {
        Cla = cla;
        Ins = ins;
        P1 = p1;
        P2 = p2;
        Data = data;
        Ne = ne;
        IsExtended = extended;
    }

    public byte Cla { get; }

    public byte Ins { get; }

    public byte P1 { get; }

    public byte P2 { get; }

    /// <summary>The command data field; empty when there is no Lc.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public bool HasData => !Data.IsEmpty;

    /// <summary>Maximum response length expected (Le decoded: short 00 = 256, extended 0000 = 65536); null when there is no Le.</summary>
    public int? Ne { get; }

    public bool IsExtended { get; }

    /// <summary>Splits the bytes into header, Lc/data and Le; false when they fit none of the cases.</summary>
    public static bool TryParse(ReadOnlySpan<byte> apdu, out CardCommand command)
    {
        command = default;
        if (apdu.Length < 4)
        {
            return false;
        }

        byte cla = apdu[0], ins = apdu[1], p1 = apdu[2], p2 = apdu[3];
        var body = apdu[4..];
        switch (body.Length)
        {
            case 0:
                command = new CardCommand(cla, ins, p1, p2, ReadOnlyMemory<byte>.Empty, null, false);
                return true;
            case 1:
                command = new CardCommand(cla, ins, p1, p2, ReadOnlyMemory<byte>.Empty, body[0] == 0 ? 256 : body[0], false);
                return true;
        }

        if (body[0] != 0)
        {
            int lc = body[0];
            if (body.Length == 1 + lc)
            {
                command = new CardCommand(cla, ins, p1, p2, body.Slice(1, lc).ToArray(), null, false);
                return true;
            }

            if (body.Length == 2 + lc)
            {
                var le = body[1 + lc];
                command = new CardCommand(cla, ins, p1, p2, body.Slice(1, lc).ToArray(), le == 0 ? 256 : le, false);
                return true;
            }

            return false;
        }

        // Extended: a zero byte then two length bytes.
        if (body.Length == 3)
        {
            var le = (body[1] << 8) | body[2];
            command = new CardCommand(cla, ins, p1, p2, ReadOnlyMemory<byte>.Empty, le == 0 ? 65536 : le, true);
            return true;
        }

        if (body.Length < 3)
        {
            return false;
        }

        var extendedLc = (body[1] << 8) | body[2];
        if (extendedLc == 0)
        {
            return false;
        }

        if (body.Length == 3 + extendedLc)
        {
            command = new CardCommand(cla, ins, p1, p2, body.Slice(3, extendedLc).ToArray(), null, true);
            return true;
        }

        if (body.Length == 5 + extendedLc)
        {
            var le = (body[3 + extendedLc] << 8) | body[4 + extendedLc];
            command = new CardCommand(cla, ins, p1, p2, body.Slice(3, extendedLc).ToArray(), le == 0 ? 65536 : le, true);
            return true;
        }

        return false;
    }
}
