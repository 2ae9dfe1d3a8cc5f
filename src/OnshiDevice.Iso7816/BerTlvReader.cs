namespace OnshiDevice.Iso7816;

/// <summary>
/// Reads consecutive BER-TLV objects from a buffer. Every access is checked against the buffer's
/// end; malformed or truncated input ends in <see cref="BerTlvException"/>, never an index error.
/// </summary>
public sealed class BerTlvReader
{
    private readonly ReadOnlyMemory<byte> _source;

    public BerTlvReader(ReadOnlyMemory<byte> source)
    {
        _source = source;
    }

    /// <summary>Offset of the next object.</summary>
    public int Position { get; private set; }

    public bool HasMore => Position < _source.Length;

    /// <summary>Reads the next object whole (header and value) and moves past it.</summary>
    public BerTlv Read()
    {
        if (!HasMore)
        {
            throw new BerTlvException("No more TLV objects in the input.");
        }

        var remaining = _source[Position..];
        var header = BerTlvHeader.Read(remaining.Span);
        if (header.TotalLength > remaining.Length)
        {
            throw new BerTlvException($"Tag {header.Tag:X} claims {header.Length} value byte(s); only {remaining.Length - header.HeaderLength} follow.");
        }

        var value = remaining.Slice(header.HeaderLength, header.Length);
        Position += header.HeaderLength + header.Length;
        return new BerTlv(header.Tag, value, header.IsConstructed);
    }

    /// <summary>Reads every object in <paramref name="source"/>; the input must end exactly after the last one.</summary>
    public static IReadOnlyList<BerTlv> ReadAll(ReadOnlyMemory<byte> source)
    {
        var reader = new BerTlvReader(source);
        var objects = new List<BerTlv>();
        while (reader.HasMore)
        {
            objects.Add(reader.Read());
        }

        return objects;
    }
}
