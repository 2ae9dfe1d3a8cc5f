using System.Buffers.Binary;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>Writes one frame as it goes on the line (<see cref="FrameFormat"/>).</summary>
internal static class FrameEncoder
{
    /// <summary>
    /// The frame's bytes. The caller owns the array and wipes it after writing when the payload was a secret (a keypad
    /// PIN leaves the simulated reader this way).
    /// </summary>
    public static byte[] Encode(byte sequence, MessageType type, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > FrameFormat.MaxPayloadLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length, $"A frame's payload has at most {FrameFormat.MaxPayloadLength} bytes.");
        }

        Span<byte> header = stackalloc byte[FrameFormat.HeaderLength];
        BinaryPrimitives.WriteUInt16BigEndian(header, (ushort)payload.Length);
        header[2] = sequence;
        header[3] = (byte)type;

        var crc = Crc16Ccitt.Append(Crc16Ccitt.Compute(header), payload);
        Span<byte> trailer = stackalloc byte[FrameFormat.CrcLength];
        BinaryPrimitives.WriteUInt16BigEndian(trailer, crc);

        var frame = new byte[1 + StuffedLength(header) + StuffedLength(payload) + StuffedLength(trailer)];
        frame[0] = FrameFormat.Start;
        var written = 1;
        written += Stuff(header, frame.AsSpan(written));
        written += Stuff(payload, frame.AsSpan(written));
        Stuff(trailer, frame.AsSpan(written));
        return frame;
    }

    private static int StuffedLength(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        foreach (var b in data)
        {
            if (FrameFormat.NeedsEscape(b))
            {
                length++;
            }
        }

        return length;
    }

    private static int Stuff(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var written = 0;
        foreach (var b in data)
        {
            if (FrameFormat.NeedsEscape(b))
            {
                destination[written++] = FrameFormat.Escape;
                destination[written++] = (byte)(b ^ FrameFormat.EscapeMask);
            }
            else
            {
                destination[written++] = b;
            }
        }

        return written;
    }
}
