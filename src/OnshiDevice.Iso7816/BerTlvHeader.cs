namespace OnshiDevice.Iso7816;

/// <summary>
/// The tag and length fields in front of a BER-TLV value. Reading only the header lets a caller
/// learn an object's total size from its first bytes (a certificate on a card, before reading the rest).
/// </summary>
/// <param name="Tag">The tag bytes as a big-endian number, e.g. 0x30 or 0x7F21.</param>
/// <param name="Length">The length of the value field.</param>
/// <param name="HeaderLength">The number of tag and length bytes.</param>
public readonly record struct BerTlvHeader(int Tag, int Length, int HeaderLength)
{
    /// <summary>ISO/IEC 7816-4 §5.2.2.1: tag fields of at most three bytes.</summary>
    public const int MaxTagBytes = 3;

    /// <summary>Long-form lengths with at most four length bytes (81 to 84).</summary>
    public const int MaxLengthBytes = 4;

    /// <summary>Bit 6 of the first tag byte: the value holds further TLV objects.</summary>
    public bool IsConstructed => (FirstTagByte & 0x20) != 0;

    /// <summary>Header plus value, or <see cref="long"/> because a four-byte length may be near 2^31.</summary>
    public long TotalLength => (long)HeaderLength + Length;

    private byte FirstTagByte => (byte)(Tag >> (8 * (TagByteCount - 1)));

    private int TagByteCount => Tag > 0xFFFF ? 3 : Tag > 0xFF ? 2 : 1;

    /// <summary>
    /// Reads a header from the start of <paramref name="source"/>; the value itself need not be there.
    /// Throws <see cref="BerTlvException"/> when the header is truncated or malformed.
    /// </summary>
    public static BerTlvHeader Read(ReadOnlySpan<byte> source)
    {
        var tagLength = ReadTag(source, out var tag);
        var lengthLength = ReadLength(source[tagLength..], out var length);
        return new BerTlvHeader(tag, length, tagLength + lengthLength);
    }

    private static int ReadTag(ReadOnlySpan<byte> source, out int tag)
    {
        if (source.IsEmpty)
        {
            throw new BerTlvException("The input ends before the tag.");
        }

        tag = source[0];
        if ((source[0] & 0x1F) != 0x1F)
        {
            return 1;
        }

        // Subsequent tag bytes carry bit 8 while another one follows.
        for (var index = 1; index < MaxTagBytes; index++)
        {
            if (index >= source.Length)
            {
                throw new BerTlvException("The input ends inside a multi-byte tag.");
            }

            tag = (tag << 8) | source[index];
            if ((source[index] & 0x80) == 0)
            {
                return index + 1;
            }
        }

        throw new BerTlvException($"Tags longer than {MaxTagBytes} bytes are not supported.");
    }

    private static int ReadLength(ReadOnlySpan<byte> source, out int length)
    {
        if (source.IsEmpty)
        {
            throw new BerTlvException("The input ends before the length.");
        }

        var first = source[0];
        if (first < 0x80)
        {
            length = first;
            return 1;
        }

        if (first == 0x80)
        {
            throw new BerTlvException("Indefinite length (80) is not allowed in DER.");
        }

        var count = first & 0x7F;
        if (count > MaxLengthBytes)
        {
            throw new BerTlvException($"A length with {count} length bytes is not supported (at most {MaxLengthBytes}).");
        }

        if (source.Length < 1 + count)
        {
            throw new BerTlvException("The input ends inside a long-form length.");
        }

        long value = 0;
        for (var index = 1; index <= count; index++)
        {
            value = (value << 8) | source[index];
        }

        if (value > int.MaxValue)
        {
            throw new BerTlvException($"The length {value} is too large.");
        }

        length = (int)value;
        return 1 + count;
    }
}
