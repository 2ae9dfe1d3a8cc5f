using System.Globalization;
using System.Text.RegularExpressions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.Protocol;

/// <summary>docs/FACE-READER-PROTOCOL.md is what a reader is built against: its tables, numbers and examples are the code's.</summary>
public sealed partial class ProtocolDocumentTests
{
    private static readonly string Document = RepositoryFiles.ReadAllText("docs/FACE-READER-PROTOCOL.md");

    [Fact]
    public void The_type_table_lists_every_message_type_with_its_byte_and_nothing_else()
    {
        var documented = TypeRow().Matches(Document)
            .ToDictionary(m => m.Groups["name"].Value, m => byte.Parse(m.Groups["type"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        var code = Enum.GetValues<MessageType>().ToDictionary(t => t.ToString(), t => (byte)t);
        Assert.Equal(code.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("ReaderMessage", typeof(ReaderMessage))]
    [InlineData("ConsentTopic", typeof(ConsentTopic))]
    [InlineData("ConsentAnswer", typeof(ConsentAnswer))]
    [InlineData("CheckInMethod", typeof(CheckInMethod))]
    [InlineData("FaceCaptureOutcome", typeof(FaceCaptureOutcome))]
    [InlineData("StaffAction", typeof(StaffAction))]
    [InlineData("NackReason", typeof(NackReason))]
    public void Each_enumeration_row_gives_the_codes_values(string name, Type enumType)
    {
        var row = Document.Split('\n').Single(line => line.StartsWith($"| {name} |", StringComparison.Ordinal));
        var documented = EnumValue().Matches(row).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

        var code = Enum.GetValues(enumType).Cast<object>().ToDictionary(v => v.ToString()!, Convert.ToInt32);
        Assert.Equal(code.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_capability_bits_are_the_codes()
    {
        var row = Document.Split('\n').Single(line => line.StartsWith("| Capabilities", StringComparison.Ordinal));
        var documented = CapabilityBit().Matches(row).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["bit"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

        var code = Enum.GetValues<FaceReaderCapabilities>().Where(c => c != FaceReaderCapabilities.None).ToDictionary(c => c.ToString(), c => (int)c);
        Assert.Equal(code.OrderBy(p => p.Key), documented.OrderBy(p => p.Key));
    }

    [Fact]
    public void Every_example_frame_is_what_the_encoder_writes()
    {
        var section = Document[Document.IndexOf("<!-- frame-examples -->", StringComparison.Ordinal)..Document.IndexOf("<!-- /frame-examples -->", StringComparison.Ordinal)];
        var examples = ExampleRow().Matches(section).ToList();
        Assert.Equal(7, examples.Count);

        foreach (var example in examples)
        {
            var bytes = example.Groups["bytes"].Value.Split(' ').Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            var (parser, frames, discards) = ParsedFrame.Collecting();
            parser.Feed(bytes);

            Assert.Empty(discards);
            var frame = Assert.Single(frames);
            Assert.Equal(byte.Parse(example.Groups["sequence"].Value, CultureInfo.InvariantCulture), frame.Sequence);
            Assert.StartsWith(((MessageType)frame.Type).ToString(), example.Groups["what"].Value, StringComparison.Ordinal);
            Assert.Equal(bytes, FrameEncoder.Encode(frame.Sequence, (MessageType)frame.Type, frame.Payload));
        }
    }

    [Fact]
    public void The_documented_limits_and_timings_are_the_codes_defaults()
    {
        var defaults = new FaceReaderLinkOptions();

        Assert.Contains($"0 to {FrameFormat.MaxPayloadLength} (`MaxPayloadLength`)", Document, StringComparison.Ordinal);
        Assert.Contains($"long bytes({ProtocolLimits.MaxPhotoBytes})", Document, StringComparison.Ordinal);
        Assert.Contains($"text({ProtocolLimits.DeviceTextBytes})", Document, StringComparison.Ordinal);
        Assert.Contains($"code (text({ProtocolLimits.FaultCodeBytes})), detail (text({ProtocolLimits.FaultDetailBytes}))", Document, StringComparison.Ordinal);
        Assert.Contains($"ack timeout ({defaults.AckTimeout.TotalMilliseconds} ms)", Document, StringComparison.Ordinal);
        Assert.Contains($"up to {defaults.Retransmissions} more times", Document, StringComparison.Ordinal);
        Assert.Contains($"Heartbeat every second. A side that hears no frame at all for {defaults.SilentIntervalsToLoss} intervals", Document, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), defaults.HeartbeatInterval);
        Assert.Contains($"within {defaults.WriteTimeout.TotalSeconds} s", Document, StringComparison.Ordinal);
        Assert.Contains($"({defaults.ReconnectDelay.TotalSeconds} s doubling to {defaults.MaxReconnectDelay.TotalSeconds} s by", Document, StringComparison.Ordinal);
        Assert.Contains($"(this host: {ProtocolLimits.MinVersion} to {ProtocolLimits.MaxVersion})", Document, StringComparison.Ordinal);
        Assert.Contains($"short bytes(1-{OnshiDevice.Cards.Pins.SecretEntry.MaxLength})", Document, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| `(?<type>[0-9A-F]{2})` \| (?<name>\w+) \|", RegexOptions.Multiline)]
    private static partial Regex TypeRow();

    [GeneratedRegex(@"(?<value>\d+) (?<name>[A-Z]\w+)")]
    private static partial Regex EnumValue();

    [GeneratedRegex(@"`(?<bit>[0-9A-F]{4})` (?<name>\w+):")]
    private static partial Regex CapabilityBit();

    [GeneratedRegex(@"^\| (?<what>[^|]+) \| (?<sequence>\d+) \| `(?<bytes>[0-9A-F ]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ExampleRow();
}
