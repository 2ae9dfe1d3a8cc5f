using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class BerTlvTests
{
    [Theory]
    [InlineData("30 82 04 AC", 0x30, 0x04AC, 4, true)]
    [InlineData("30 81 80", 0x30, 0x80, 3, true)]
    [InlineData("04 05", 0x04, 5, 2, false)]
    [InlineData("7F 21 82 02 33", 0x7F21, 0x0233, 5, true)]
    [InlineData("5F 4E 82 01 29", 0x5F4E, 0x0129, 5, false)]
    [InlineData("DF 22 0F", 0xDF22, 0x0F, 3, false)]
    [InlineData("FF 20 65", 0xFF20, 0x65, 3, true)]
    [InlineData("1F 81 01 00", 0x1F8101, 0, 4, false)]
    [InlineData("30 84 00 01 00 00", 0x30, 0x10000, 6, true)]
    [InlineData("30 83 01 00 00", 0x30, 0x10000, 5, true)]
    public void A_header_is_read_from_a_prefix(string hex, int tag, int length, int headerLength, bool constructed)
    {
        var header = BerTlvHeader.Read(Bytes(hex));

        Assert.Equal(new BerTlvHeader(tag, length, headerLength), header);
        Assert.Equal(constructed, header.IsConstructed);
        Assert.Equal((long)headerLength + length, header.TotalLength);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("30 80")]
    [InlineData("30 82 04")]
    [InlineData("30 85 00 00 00 00 01")]
    [InlineData("30 FF")]
    [InlineData("30 84 80 00 00 00")]
    [InlineData("7F")]
    [InlineData("7F 81")]
    [InlineData("1F 81 81 01 00")]
    public void A_malformed_or_truncated_header_is_a_BER_TLV_error(string hex)
    {
        Assert.Throws<BerTlvException>(() => BerTlvHeader.Read(Bytes(hex)));
    }

    [Fact]
    public void Nested_objects_are_read_with_their_values()
    {
        var objects = BerTlvReader.ReadAll(Bytes("FF 20 0A DF 21 02 00 0E DF 22 02 41 42 04 00"));

        Assert.Equal(2, objects.Count);
        Assert.Equal(0xFF20, objects[0].Tag);
        var children = objects[0].Children();
        Assert.Equal([0xDF21, 0xDF22], children.Select(child => child.Tag));
        Assert.Equal("4142", Convert.ToHexString(children[1].Value.Span));
        Assert.Equal(0x04, objects[1].Tag);
        Assert.True(objects[1].Value.IsEmpty);
    }

    [Theory]
    [InlineData("30 05 01 02")]
    [InlineData("04 01 AA 04")]
    [InlineData("30 82 FF FF 00")]
    public void A_value_running_past_the_input_is_a_BER_TLV_error(string hex)
    {
        Assert.Throws<BerTlvException>(() => BerTlvReader.ReadAll(Bytes(hex)));
    }

    [Fact]
    public void A_primitive_object_has_no_children()
    {
        var primitive = BerTlvReader.ReadAll(Bytes("04 02 30 00"))[0];

        Assert.Throws<BerTlvException>(() => primitive.Children());
    }

    [Fact]
    public void Reading_past_the_last_object_is_a_BER_TLV_error()
    {
        var reader = new BerTlvReader(Bytes("04 00"));
        reader.Read();

        Assert.False(reader.HasMore);
        Assert.Throws<BerTlvException>(() => reader.Read());
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
}
