using CsCheck;
using OnshiDevice.FaceAuth.Protocol;

namespace OnshiDevice.UnitTests.FaceAuth.Protocol;

public sealed class FrameParserPropertyTests
{
    private static readonly Gen<(byte Sequence, byte Type, byte[] Payload)> Frame =
        Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte.Array[0, 200]);

    [Fact]
    public void Random_bytes_in_random_pieces_never_throw_and_give_only_crc_checked_frames() =>
        Gen.Select(Gen.Byte.Array[0, 2000], Gen.Int[1, 64]).Sample((bytes, piece) =>
        {
            var (parser, frames, _) = ParsedFrame.Collecting();

            foreach (var chunk in bytes.Chunk(piece))
            {
                parser.Feed(chunk);
            }

            // Whatever it takes out of noise is a whole frame whose CRC held; stuffing is canonical, so its encoding is in the input.
            Assert.All(frames, f => Assert.True(bytes.AsSpan().IndexOf(FrameEncoder.Encode(f.Sequence, (MessageType)f.Type, f.Payload)) >= 0));
        });

    [Fact]
    public void Valid_frames_survive_any_garbage_before_them_and_any_cuts_of_the_stream() =>
        Gen.Select(Gen.Select(Gen.Byte.Array[0, 60], Frame).List[1, 6], Gen.Byte.Array[0, 60], Gen.Int[1, 50]).Sample((items, trailing, piece) =>
        {
            var stream = new List<byte>();
            foreach (var (garbage, frame) in items)
            {
                stream.AddRange(garbage);
                stream.AddRange(FrameEncoder.Encode(frame.Sequence, (MessageType)frame.Type, frame.Payload));
            }

            stream.AddRange(trailing);
            var (parser, frames, _) = ParsedFrame.Collecting();

            foreach (var chunk in stream.Chunk(piece))
            {
                parser.Feed(chunk);
            }

            // Noise may, by chance, hold a frame of its own; every sent frame is found, in order.
            var found = 0;
            foreach (var frame in frames)
            {
                var (_, expected) = items[found];
                if (frame.Matches(expected.Sequence, (MessageType)expected.Type, expected.Payload))
                {
                    found++;
                    if (found == items.Count)
                    {
                        break;
                    }
                }
            }

            Assert.Equal(items.Count, found);
        });
}
