using OnshiDevice.Iso7816;
using OnshiDevice.UnitTests.Cards;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class CommandChainingTests
{
    [Theory]
    [InlineData(256, new[] { 255, 1 })]
    [InlineData(510, new[] { 255, 255 })]
    [InlineData(600, new[] { 255, 255, 90 })]
    [InlineData(255, new[] { 255 })]
    [InlineData(1, new[] { 1 })]
    public void The_data_is_split_into_parts_of_at_most_255_bytes_in_order(int length, int[] partLengths)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var command = new CommandApdu(0x00, 0x2A, 0x9E, 0x9A, data, 256);

        var parts = CommandChaining.Split(command);

        Assert.Equal(partLengths, parts.Select(part => part.Nc));
        Assert.Equal(data, parts.SelectMany(part => part.Data.ToArray()));
        Assert.All(parts, part => Assert.False(part.IsExtended));
        Assert.All(parts.Take(parts.Count - 1), part =>
        {
            Assert.Equal(0x10, part.Cla);
            Assert.Equal(0, part.Ne);
        });
        Assert.Equal(0x00, parts[^1].Cla);
        Assert.Equal(256, parts[^1].Ne);
        Assert.All(parts, part => Assert.Equal((0x2A, 0x9E, 0x9A), (part.Ins, part.P1, part.P2)));
    }

    [Fact]
    public void A_256_byte_PSO_chains_as_10_2A_9E_9A_FF_then_00_2A_9E_9A_01_with_Le_00()
    {
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var parts = CommandChaining.Split(new CommandApdu(0x00, 0x2A, 0x9E, 0x9A, data, 256));

        Assert.Equal("102A9E9AFF" + Convert.ToHexString(data, 0, 255), Convert.ToHexString(parts[0].ToBytes()));
        Assert.Equal("002A9E9A01FF00", Convert.ToHexString(parts[1].ToBytes()));
    }

    [Theory]
    [InlineData(0x80, 256)]
    [InlineData(0x10, 256)]
    [InlineData(0x00, 257)]
    public void Commands_that_cannot_be_chained_are_refused(byte cla, int ne)
    {
        var command = new CommandApdu(cla, 0x2A, 0x9E, 0x9A, new byte[300], ne);

        Assert.Throws<ArgumentException>(() => CommandChaining.Split(command));
    }

    [Fact]
    public void Transmit_stops_at_the_first_refused_part_and_returns_its_answer()
    {
        var card = new ScriptedApduChannel(supportsExtendedLength: false)
            .Expect("10 2A 9E 9A FF " + Convert.ToHexString(new byte[255]), "6884");

        var response = CommandChaining.Transmit(card, new CommandApdu(0x00, 0x2A, 0x9E, 0x9A, new byte[600], 256));

        Assert.Equal(new StatusWord(0x68, 0x84), response.StatusWord);
        card.AssertFinished();
    }
}
