using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// A minimal, bounds-checked DER walker for the hot loop over a million revoked entries, where AsnReader's
/// per-call allocations (readers, tag structs, copies) would dominate. Definite, minimal lengths only.
/// </summary>
internal ref struct DerWalker
{
    private readonly ReadOnlySpan<byte> _data;

    public DerWalker(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly bool HasData => Position < _data.Length;

    public readonly byte PeekTag() => HasData ? _data[Position] : throw Malformed("unexpected end of data");

    /// <summary>Reads one TLV with the expected single-byte tag and returns its content.</summary>
    public ReadOnlySpan<byte> Read(byte expectedTag)
    {
        var tag = PeekTag();
        if (tag != expectedTag)
        {
            throw Malformed($"expected tag {expectedTag:X2}, found {tag:X2} at offset {Position}");
        }

        var (start, length) = ReadHeader();
        Position = start + length;
        return _data.Slice(start, length);
    }

    private (int Start, int Length) ReadHeader()
    {
        var offset = Position + 1;
        if (offset >= _data.Length)
        {
            throw Malformed("truncated length");
        }

        int first = _data[offset++];
        int length;
        if (first < 0x80)
        {
            length = first;
        }
        else
        {
            var count = first & 0x7F;
            if (count == 0)
            {
                throw Malformed("indefinite length is not DER");
            }

            if (count > 4 || offset + count > _data.Length)
            {
                throw Malformed("length field too long or truncated");
            }

            if (_data[offset] == 0)
            {
                throw Malformed("length not minimally encoded");
            }

            long value = 0;
            for (var index = 0; index < count; index++)
            {
                value = (value << 8) | _data[offset++];
            }

            if (value < 0x80 || value > int.MaxValue)
            {
                throw Malformed("length not minimally encoded or too large");
            }

            length = (int)value;
        }

        if (length > _data.Length - offset)
        {
            throw Malformed($"length {length} runs past the end of the data");
        }

        return (offset, length);
    }

    public static MalformedCertificateException Malformed(string message) => new($"CRL is not valid DER: {message}.");
}
