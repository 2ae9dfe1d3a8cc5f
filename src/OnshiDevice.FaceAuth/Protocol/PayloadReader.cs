using System.Buffers.Binary;
using System.Text;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>Reads a payload's fields (docs/FACE-READER-PROTOCOL.md §3); anything short, long or out of range is a <see cref="MalformedPayloadException"/>.</summary>
internal ref struct PayloadReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _payload;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> payload)
    {
        _payload = payload;
        _position = 0;
    }

    public byte ReadByte()
    {
        Need(1);
        return _payload[_position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_payload[_position..]);
        _position += 2;
        return value;
    }

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new MalformedPayloadException($"A flag byte is 0 or 1, not {other}."),
    };

    public TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var value = ReadByte();
        var candidate = (TEnum)Enum.ToObject(typeof(TEnum), value);
        if (!Enum.IsDefined(candidate))
        {
            throw new MalformedPayloadException($"{value} is not a {typeof(TEnum).Name}.");
        }

        return candidate;
    }

    /// <summary>A text: one length byte, then that many bytes of UTF-8, at most <paramref name="maxBytes"/>.</summary>
    public string ReadText(int maxBytes)
    {
        var length = ReadByte();
        if (length > maxBytes)
        {
            throw new MalformedPayloadException($"A text of {length} bytes where at most {maxBytes} are allowed.");
        }

        var bytes = ReadSpan(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MalformedPayloadException("A text that is not UTF-8.");
        }
    }

    /// <summary>A short byte string: one length byte, then the bytes; the span points into the frame, so copy it before the handler returns.</summary>
    public ReadOnlySpan<byte> ReadShortBytes(int minBytes, int maxBytes)
    {
        var length = ReadByte();
        if (length < minBytes || length > maxBytes)
        {
            throw new MalformedPayloadException($"{length} bytes where {minBytes} to {maxBytes} are allowed.");
        }

        return ReadSpan(length);
    }

    /// <summary>A long byte string: two length bytes, then the bytes.</summary>
    public ReadOnlySpan<byte> ReadLongBytes(int maxBytes)
    {
        var length = ReadUInt16();
        if (length > maxBytes)
        {
            throw new MalformedPayloadException($"{length} bytes where at most {maxBytes} are allowed.");
        }

        return ReadSpan(length);
    }

    /// <summary>Refuses bytes left over: a payload is exactly its fields, so a newer sender's extra fields are a new version.</summary>
    public readonly void End()
    {
        if (_position != _payload.Length)
        {
            throw new MalformedPayloadException($"{_payload.Length - _position} bytes after the last field.");
        }
    }

    private ReadOnlySpan<byte> ReadSpan(int length)
    {
        Need(length);
        var span = _payload.Slice(_position, length);
        _position += length;
        return span;
    }

    private readonly void Need(int count)
    {
        if (_payload.Length - _position < count)
        {
            throw new MalformedPayloadException("The payload ends inside a field.");
        }
    }
}
