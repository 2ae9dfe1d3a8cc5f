using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class CommandApduEncodingTests
{
    private static readonly byte[] Data256 = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    public static TheoryData<CommandApdu, string> Vectors => new()
    {
        { new CommandApdu(0x00, 0x20, 0x00, 0x80), "00200080" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 4), "00B0000004" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 255), "00B00000FF" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 256), "00B0000000" },
        { new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x0A }), "00A4020C02000A" },
        { new CommandApdu(0x80, 0x2A, 0x00, 0x80, new byte[] { 1, 2, 3 }, 256), "802A008003010203" + "00" },
        { new CommandApdu(0x80, 0x2A, 0x00, 0x80, new byte[] { 1, 2, 3 }, 16), "802A00800301020310" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 65536), "00B00000000000" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 257), "00B00000000101" },
        { new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 0x1234), "00B00000001234" },
        { new CommandApdu(0x00, 0xD6, 0x00, 0x00, Data256), "00D60000000100" + Convert.ToHexString(Data256) },
        { new CommandApdu(0x00, 0x2A, 0x00, 0x00, Data256, 65536), "002A0000000100" + Convert.ToHexString(Data256) + "0000" },
        { new CommandApdu(0x00, 0x2A, 0x00, 0x00, new byte[] { 0xAB }, 257), "002A000000" + "0001AB" + "0101" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_case_encodes_to_the_ISO_bytes(CommandApdu command, string expectedHex)
    {
        Assert.Equal(expectedHex, Convert.ToHexString(command.ToBytes()));
        Assert.Equal(expectedHex.Length / 2, command.EncodedLength);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_case_parses_back_from_its_bytes(CommandApdu command, string hex)
    {
        var parsed = CommandApdu.Parse(Convert.FromHexString(hex));

        Assert.Equal((command.Cla, command.Ins, command.P1, command.P2, command.Nc, command.Ne, command.Case), (parsed.Cla, parsed.Ins, parsed.P1, parsed.P2, parsed.Nc, parsed.Ne, parsed.Case));
        Assert.Equal(command.Data.ToArray(), parsed.Data.ToArray());
    }

    [Theory]
    [InlineData(0, 0, 1, false)]
    [InlineData(0, 256, 2, false)]
    [InlineData(255, 0, 3, false)]
    [InlineData(255, 256, 4, false)]
    [InlineData(0, 257, 2, true)]
    [InlineData(256, 0, 3, true)]
    [InlineData(1, 257, 4, true)]
    [InlineData(256, 1, 4, true)]
    public void Case_and_length_form_follow_from_Nc_and_Ne(int nc, int ne, int expectedCase, bool expectedExtended)
    {
        var command = new CommandApdu(0, 0, 0, 0, new byte[nc], ne);

        Assert.Equal(expectedCase, command.Case);
        Assert.Equal(expectedExtended, command.IsExtended);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00B000")]
    [InlineData("00A4020C03000A")]
    [InlineData("00A4020C02000A0000")]
    [InlineData("00B000000000")]
    [InlineData("00D6000000000000")]
    [InlineData("00D6000000000301 02")]
    public void Bytes_that_fit_no_case_are_a_malformed_command(string hex)
    {
        Assert.Throws<MalformedCommandException>(() => CommandApdu.Parse(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("00B00000000004", 4)]
    [InlineData("00B00000000000", 65536)]
    public void An_extended_Le_for_a_small_Ne_is_accepted(string hex, int ne)
    {
        Assert.Equal(ne, CommandApdu.Parse(Convert.FromHexString(hex)).Ne);
    }

    [Fact]
    public void Encode_into_a_short_buffer_is_refused()
    {
        var command = new CommandApdu(0x00, 0xA4, 0x02, 0x0C, new byte[] { 0x00, 0x0A });

        Assert.Throws<ArgumentException>(() => command.Encode(new byte[command.EncodedLength - 1]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65537)]
    public void Ne_outside_0_to_65536_is_refused(int ne)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandApdu(0, 0, 0, 0, ne: ne));
    }

    [Fact]
    public void Nc_above_65535_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CommandApdu(0, 0, 0, 0, new byte[65536]));
    }
}
