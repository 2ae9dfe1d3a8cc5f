using OnshiDevice.FaceAuth.Protocol;

namespace OnshiDevice.UnitTests.FaceAuth.Protocol;

/// <summary>A frame the parser delivered, copied out of its buffer (which it wipes).</summary>
internal sealed record ParsedFrame(byte Sequence, byte Type, byte[] Payload)
{
    public static (FrameParser Parser, List<ParsedFrame> Frames, List<FrameDiscard> Discards) Collecting()
    {
        var frames = new List<ParsedFrame>();
        var discards = new List<FrameDiscard>();
        var parser = new FrameParser((sequence, type, payload) => frames.Add(new ParsedFrame(sequence, type, payload.ToArray())), discards.Add);
        return (parser, frames, discards);
    }

    public bool Matches(byte sequence, MessageType type, byte[] payload) => Sequence == sequence && Type == (byte)type && Payload.AsSpan().SequenceEqual(payload);
}
