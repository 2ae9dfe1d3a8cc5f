using CsCheck;
using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class ExtendedLengthFallbackChannelTests
{
    private static readonly byte[] Block = Enumerable.Range(0, 256).Select(value => (byte)value).ToArray();

    private static CommandApdu Pso => new(0x00, 0x2A, 0x9E, 0x9A, Block, CommandApdu.MaxExtendedNe);

    [Fact]
    public void A_command_the_reader_carries_goes_as_one_extended_APDU()
    {
        var transport = new Transport(ApduLimits.Extended, _ => "9000");
        var channel = new ExtendedLengthFallbackChannel(transport);

        Assert.Equal(StatusWord.Success, channel.Transmit(Pso).StatusWord);

        var sent = Assert.Single(transport.Sent);
        Assert.StartsWith("002A9E9A000100", sent, StringComparison.Ordinal);
        Assert.EndsWith("0000", sent, StringComparison.Ordinal);
        Assert.Equal(ApduLimits.Extended, channel.Limits);
        Assert.False(channel.ExtendedRefused);
    }

    [Theory]
    [InlineData("6700")]
    [InlineData("6D00")]
    [InlineData("transport")]
    public void A_refused_extended_APDU_is_sent_again_chained_and_the_connection_stays_short(string refusal)
    {
        var transport = new Transport(ApduLimits.Extended, command => command.IsExtended ? refusal : "9000");
        var channel = new ExtendedLengthFallbackChannel(transport);

        Assert.Equal(StatusWord.Success, channel.Transmit(Pso).StatusWord);
        Assert.Equal(3, transport.Sent.Count);
        Assert.Equal("102A9E9AFF" + Convert.ToHexString(Block[..255]), transport.Sent[1]);
        Assert.Equal("002A9E9A01FF00", transport.Sent[2]);
        Assert.True(channel.ExtendedRefused);
        Assert.Equal(ApduLimits.Short, channel.Limits);

        // Learned once: the next extended command goes short without trying the extended form again.
        channel.Transmit(Pso);
        Assert.Equal(5, transport.Sent.Count);
        Assert.DoesNotContain(transport.Sent.Skip(3), command => command.StartsWith("002A9E9A00", StringComparison.Ordinal));
    }

    [Fact]
    public void A_read_asking_for_more_than_a_short_reader_carries_asks_for_256()
    {
        var transport = new Transport(ApduLimits.Short, _ => "9000");
        var channel = new ExtendedLengthFallbackChannel(transport);

        channel.Transmit(new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: CommandApdu.MaxExtendedNe));

        Assert.Equal("00B0000000", Assert.Single(transport.Sent));
    }

    [Fact]
    public void A_reader_with_a_smaller_extended_limit_gets_an_extended_read_of_its_size()
    {
        var transport = new Transport(new ApduLimits(1024, 1024), _ => "9000");
        var channel = new ExtendedLengthFallbackChannel(transport);

        channel.Transmit(new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: CommandApdu.MaxExtendedNe));

        Assert.Equal("00B00000000400", Assert.Single(transport.Sent));
    }

    [Fact]
    public void A_short_command_passes_untouched_and_its_6700_teaches_nothing()
    {
        var transport = new Transport(ApduLimits.Extended, _ => "6700");
        var channel = new ExtendedLengthFallbackChannel(transport);

        Assert.Equal(StatusWord.WrongLength, channel.Transmit(new CommandApdu(0x00, 0x20, 0x00, 0x80, "1234"u8.ToArray())).StatusWord);

        Assert.Equal("00200080" + "0431323334", Assert.Single(transport.Sent));
        Assert.False(channel.ExtendedRefused);
        Assert.Equal(ApduLimits.Extended, channel.Limits);
    }

    [Fact]
    public void Wrap_stacks_once_over_response_chaining()
    {
        var transport = new Transport(ApduLimits.Extended, command => command.Ins == 0xC0 ? "BBBB9000" : "AAAA6102");
        var wrapped = ExtendedLengthFallbackChannel.Wrap(transport);

        Assert.Same(wrapped, ExtendedLengthFallbackChannel.Wrap(wrapped));
        Assert.Equal(Convert.FromHexString("AAAABBBB"), wrapped.Transmit(new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 4)).Data.ToArray());
    }

    /// <summary>
    /// Random commands over random readers that may refuse extended APDUs: every APDU that reaches the
    /// transport fits the limits the reader reported, at most one extended APDU is ever refused, none is sent
    /// after a refusal, and the caller gets the card's answer to the whole command.
    /// </summary>
    [Fact]
    public void Every_APDU_fits_the_reader_and_a_refusal_is_learned_once() =>
        Gen.Select(
                Gen.Select(Gen.Int[CommandApdu.MaxShortNc, CommandApdu.MaxExtendedNc], Gen.Int[CommandApdu.MaxShortNe, CommandApdu.MaxExtendedNe], Gen.Bool)
                    .Select((command, response, extended) => extended ? new ApduLimits(command, response) : ApduLimits.Short),
                Gen.OneOf(Gen.Const("none"), Gen.Const("6700"), Gen.Const("6D00"), Gen.Const("transport")),
                Gen.Select(Gen.Int[0, 700], Gen.Int[0, CommandApdu.MaxExtendedNe]).Array[1, 8])
            .Sample((limits, refusal, shapes) =>
            {
                var transport = new Transport(limits, command => command.IsExtended && refusal != "none" ? refusal : "9000");
                var channel = new ExtendedLengthFallbackChannel(transport);
                foreach (var (nc, ne) in shapes)
                {
                    var response = channel.Transmit(new CommandApdu(0x00, 0x2A, 0x9E, 0x9A, new byte[nc], ne));
                    Assert.Equal(StatusWord.Success, response.StatusWord);
                }

                Assert.All(transport.Commands, command => Assert.True(limits.Carries(command), $"{command.Nc}/{command.Ne} over {limits}"));
                var extended = transport.Commands.Where(command => command.IsExtended).ToList();
                Assert.True(refusal == "none" || extended.Count <= 1, $"{extended.Count} extended APDUs after a refusal");
            }, iter: 300);

    /// <summary>A transport with given limits; an answer of "transport" fails the exchange as a reader that cannot carry it.</summary>
    private sealed class Transport(ApduLimits limits, Func<CommandApdu, string> answer) : IApduChannel
    {
        public ApduLimits Limits => limits;

        public List<CommandApdu> Commands { get; } = [];

        public List<string> Sent { get; } = [];

        public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            Sent.Add(Convert.ToHexString(command.ToBytes()));
            var reply = answer(command);
            if (reply == "transport")
            {
                throw new ExtendedLengthRefusedException("The reader failed the exchange.");
            }

            return ResponseApdu.Parse(Convert.FromHexString(reply));
        }
    }
}
