using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>A frame as the parser hands it over: valid only inside the handler, then wiped.</summary>
internal delegate void FrameHandler(byte sequence, byte type, ReadOnlySpan<byte> payload);

/// <summary>
/// Finds frames in a byte stream fed in pieces of any size. Bytes before a start byte are skipped, a bad frame is dropped
/// with its reason and the search starts again at the next start byte; it never waits for more than one frame's bytes
/// and never throws on what the line brings. Each frame's bytes are zeroed once its handler returns, because a keypad
/// PIN travels in one.
/// </summary>
internal sealed class FrameParser
{
    private readonly byte[] _body = new byte[FrameFormat.MaxBodyLength];
    private readonly FrameHandler _onFrame;
    private readonly Action<FrameDiscard>? _onDiscard;
    private int _count;
    private bool _inFrame;
    private bool _escaped;
    private int _expected;

    public FrameParser(FrameHandler onFrame, Action<FrameDiscard>? onDiscard = null)
    {
        _onFrame = onFrame;
        _onDiscard = onDiscard;
    }

    /// <summary>Bytes skipped outside any frame (line noise before a start byte).</summary>
    public long SkippedBytes { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b == FrameFormat.Start)
            {
                if (_inFrame && (_count > 0 || _escaped))
                {
                    Discard(FrameDiscard.Cut);
                }

                _inFrame = true;
                continue;
            }

            if (!_inFrame)
            {
                SkippedBytes++;
                continue;
            }

            if (_escaped)
            {
                _escaped = false;
                var value = (byte)(b ^ FrameFormat.EscapeMask);
                if (!FrameFormat.NeedsEscape(value))
                {
                    Discard(FrameDiscard.BadEscape);
                    continue;
                }

                Append(value);
            }
            else if (b == FrameFormat.Escape)
            {
                _escaped = true;
            }
            else
            {
                Append(b);
            }
        }
    }

    private void Append(byte value)
    {
        _body[_count++] = value;
        if (_count == 2)
        {
            var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(_body);
            if (payloadLength > FrameFormat.MaxPayloadLength)
            {
                Discard(FrameDiscard.TooLong);
                return;
            }

            _expected = FrameFormat.HeaderLength + payloadLength + FrameFormat.CrcLength;
        }

        if (_count < FrameFormat.HeaderLength || _count < _expected)
        {
            return;
        }

        var body = _body.AsSpan(0, _count);
        var payloadEnd = _count - FrameFormat.CrcLength;
        var crc = BinaryPrimitives.ReadUInt16BigEndian(body[payloadEnd..]);
        if (Crc16Ccitt.Compute(body[..payloadEnd]) != crc)
        {
            Discard(FrameDiscard.BadCrc);
            return;
        }

        try
        {
            _onFrame(body[2], body[3], body[FrameFormat.HeaderLength..payloadEnd]);
        }
        finally
        {
            Reset();
        }
    }

    private void Discard(FrameDiscard reason)
    {
        Reset();
        _onDiscard?.Invoke(reason);
    }

    private void Reset()
    {
        CryptographicOperations.ZeroMemory(_body.AsSpan(0, _count));
        _count = 0;
        _expected = 0;
        _escaped = false;
        _inFrame = false;
    }
}
