using System.Text;
using OnshiDevice.FaceAuth.Protocol;

namespace OnshiDevice.UnitTests.FaceAuth.Protocol;

public sealed class FrameTests
{
    [Fact]
    public void The_crc_is_ccitt_false_with_the_documented_check_value() =>
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void A_frame_is_the_start_byte_then_length_sequence_type_payload_and_crc()
    {
        // ShowMessage(CheckInComplete) with sequence number 5; its CRC (0x7DE5) has a byte to stuff.
        var frame = FrameEncoder.Encode(0x05, MessageType.ShowMessage, [0x09]);

        Assert.Equal(0x7DE5, Crc16Ccitt.Compute([0x00, 0x01, 0x05, 0x22, 0x09]));
        Assert.Equal(new byte[] { 0x7E, 0x00, 0x01, 0x05, 0x22, 0x09, 0x7D, 0x5D, 0xE5 }, frame);
    }

    [Fact]
    public void Start_and_escape_bytes_inside_a_frame_are_stuffed_and_come_back()
    {
        byte[] payload = [0x7E, 0x7D, 0x00, 0x7E, 0x5E, 0x5D];

        var frame = FrameEncoder.Encode(0x7E, MessageType.StartFaceCapture, payload);

        Assert.Equal(1, frame.Count(b => b == FrameFormat.Start));
        var (parser, frames, discards) = ParsedFrame.Collecting();
        parser.Feed(frame);
        Assert.Empty(discards);
        Assert.True(Assert.Single(frames).Matches(0x7E, MessageType.StartFaceCapture, payload));
    }

    [Fact]
    public void A_frame_fed_one_byte_at_a_time_is_found_once()
    {
        var payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var frame = FrameEncoder.Encode(1, MessageType.StartFaceCapture, payload);
        var (parser, frames, _) = ParsedFrame.Collecting();

        foreach (var b in frame)
        {
            parser.Feed([b]);
        }

        Assert.True(Assert.Single(frames).Matches(1, MessageType.StartFaceCapture, payload));
    }

    [Fact]
    public void A_corrupted_byte_drops_that_frame_and_the_next_one_is_found()
    {
        var bad = FrameEncoder.Encode(1, MessageType.ShowIdle, [1, 2, 3]);
        bad[4] ^= 0x01;
        var good = FrameEncoder.Encode(2, MessageType.ShowIdle, []);
        var (parser, frames, discards) = ParsedFrame.Collecting();

        parser.Feed([.. bad, .. good]);

        Assert.Equal([FrameDiscard.BadCrc], discards);
        Assert.True(Assert.Single(frames).Matches(2, MessageType.ShowIdle, []));
    }

    [Fact]
    public void A_frame_cut_off_by_a_new_start_byte_is_dropped_as_cut()
    {
        var cut = FrameEncoder.Encode(1, MessageType.ShowConsent, [1])[..4];
        var whole = FrameEncoder.Encode(2, MessageType.ShowConsent, [2]);
        var (parser, frames, discards) = ParsedFrame.Collecting();

        parser.Feed([.. cut, .. whole]);

        Assert.Equal([FrameDiscard.Cut], discards);
        Assert.True(Assert.Single(frames).Matches(2, MessageType.ShowConsent, [2]));
    }

    [Fact]
    public void A_length_over_the_limit_is_dropped_at_once_without_waiting_for_its_bytes()
    {
        var (parser, frames, discards) = ParsedFrame.Collecting();

        parser.Feed([0x7E, 0xFF, 0xFF]);

        Assert.Equal([FrameDiscard.TooLong], discards);
        parser.Feed(FrameEncoder.Encode(3, MessageType.Heartbeat, []));
        Assert.Single(frames);
    }

    [Fact]
    public void An_escape_of_a_byte_no_sender_stuffs_is_dropped()
    {
        var (parser, _, discards) = ParsedFrame.Collecting();

        parser.Feed([0x7E, 0x7D, 0x41]);

        Assert.Equal([FrameDiscard.BadEscape], discards);
    }

    [Fact]
    public void The_parser_wipes_a_frame_once_its_handler_returns()
    {
        byte[] pin = [0x31, 0x32, 0x33, 0x34];
        var seen = Array.Empty<byte>();
        var parser = new FrameParser((_, _, payload) => seen = payload.ToArray());

        parser.Feed(FrameEncoder.Encode(1, MessageType.PinEntered, [4, .. pin]));

        Assert.Equal([4, .. pin], seen);
        var body = typeof(FrameParser).GetField("_body", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(parser) as byte[];
        Assert.All(body!, b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_encoder_refuses_a_payload_over_the_limit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameEncoder.Encode(0, MessageType.StartFaceCapture, new byte[FrameFormat.MaxPayloadLength + 1]));
}
