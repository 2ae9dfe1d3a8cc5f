using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>Builds a payload field by field, in the layouts <see cref="PayloadReader"/> reads.</summary>
internal sealed class PayloadWriter
{
    private byte[] _buffer = new byte[32];
    private int _length;

    public PayloadWriter Byte(byte value)
    {
        Grow(1)[0] = value;
        return this;
    }

    public PayloadWriter UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);
        return this;
    }

    public PayloadWriter Boolean(bool value) => Byte(value ? (byte)1 : (byte)0);

    public PayloadWriter Text(string value, int maxBytes)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (count > maxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(value), count, $"At most {maxBytes} bytes of UTF-8.");
        }

        Byte((byte)count);
        Encoding.UTF8.GetBytes(value, Grow(count));
        return this;
    }

    public PayloadWriter ShortBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Length, "A short byte string has at most 255 bytes.");
        }

        Byte((byte)value.Length);
        value.CopyTo(Grow(value.Length));
        return this;
    }

    public PayloadWriter LongBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value.Length, "A long byte string has at most 65535 bytes.");
        }

        UInt16((ushort)value.Length);
        value.CopyTo(Grow(value.Length));
        return this;
    }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Zeroes the buffer (the payload may have held a secret).</summary>
    public void Wipe()
    {
        CryptographicOperations.ZeroMemory(_buffer);
        _length = 0;
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var larger = new byte[Math.Max(_buffer.Length * 2, _length + count)];
            _buffer.AsSpan(0, _length).CopyTo(larger);
            CryptographicOperations.ZeroMemory(_buffer);
            _buffer = larger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
