using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Iso7816;

public sealed class ResponseChainingChannelTests
{
    private static readonly CommandApdu ReadBinary = new(0x00, 0xB0, 0x00, 0x00, ne: 256);

    [Fact]
    public void A_plain_response_passes_through_with_one_command()
    {
        var inner = new RecordingChannel(_ => "0102 9000");

        var response = new ResponseChainingChannel(inner).Transmit(ReadBinary);

        Assert.Equal("0102", Convert.ToHexString(response.Data.Span));
        Assert.Equal(StatusWord.Success, response.StatusWord);
        Assert.Equal(["00B0000000"], inner.Sent);
    }

    [Fact]
    public void Status_61xx_is_followed_by_GET_RESPONSE_and_the_data_concatenated()
    {
        var answers = new Queue<string>(["AA BB 6103", "CC DD EE 6100", "FF 9000"]);
        var inner = new RecordingChannel(_ => answers.Dequeue());

        var response = new ResponseChainingChannel(inner).Transmit(ReadBinary);

        Assert.Equal("AABBCCDDEEFF", Convert.ToHexString(response.Data.Span));
        Assert.Equal(StatusWord.Success, response.StatusWord);
        Assert.Equal(["00B0000000", "00C0000003", "00C0000000"], inner.Sent);
    }

    [Fact]
    public void The_last_GET_RESPONSE_status_is_the_result()
    {
        var answers = new Queue<string>(["AA 6101", "BB 6282"]);
        var inner = new RecordingChannel(_ => answers.Dequeue());

        var response = new ResponseChainingChannel(inner).Transmit(ReadBinary);

        Assert.Equal("AABB", Convert.ToHexString(response.Data.Span));
        Assert.Equal(new StatusWord(0x62, 0x82), response.StatusWord);
    }

    [Fact]
    public void Status_6Cxx_re_sends_the_command_once_with_the_exact_Le()
    {
        var inner = new RecordingChannel(command => command.Ne == 0x10 ? "00112233445566778899AABBCCDDEEFF 9000" : "6C10");

        var response = new ResponseChainingChannel(inner).Transmit(ReadBinary);

        Assert.Equal(16, response.Data.Length);
        Assert.Equal(["00B0000000", "00B0000010"], inner.Sent);
    }

    [Fact]
    public void Status_6C00_means_Le_256()
    {
        var inner = new RecordingChannel(command => command.Ne == 256 ? "9000" : "6C00");

        new ResponseChainingChannel(inner).Transmit(new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: 4));

        Assert.Equal(["00B0000004", "00B0000000"], inner.Sent);
    }

    [Fact]
    public void A_6Cxx_re_send_that_chains_is_followed()
    {
        var answers = new Queue<string>(["6C02", "AA 6101", "BB 9000"]);
        var inner = new RecordingChannel(_ => answers.Dequeue());

        var response = new ResponseChainingChannel(inner).Transmit(ReadBinary);

        Assert.Equal("AABB", Convert.ToHexString(response.Data.Span));
        Assert.Equal(["00B0000000", "00B0000002", "00C0000001"], inner.Sent);
    }

    [Fact]
    public void A_second_6Cxx_is_a_malformed_response()
    {
        var inner = new RecordingChannel(_ => "6C10");

        Assert.Throws<MalformedResponseException>(() => new ResponseChainingChannel(inner).Transmit(ReadBinary));
        Assert.Equal(2, inner.Sent.Count);
    }

    [Fact]
    public void A_command_without_Le_is_never_re_sent_on_6Cxx()
    {
        var verify = new CommandApdu(0x00, 0x20, 0x00, 0x80, new byte[] { 0x31, 0x32, 0x33, 0x34 });
        var inner = new RecordingChannel(_ => "6C04");

        var response = new ResponseChainingChannel(inner).Transmit(verify);

        Assert.Equal(new StatusWord(0x6C, 0x04), response.StatusWord);
        Assert.Single(inner.Sent);
    }

    [Fact]
    public void Endless_61xx_is_a_malformed_response_after_the_round_limit()
    {
        var inner = new RecordingChannel(_ => "AA 6101");

        Assert.Throws<MalformedResponseException>(() => new ResponseChainingChannel(inner).Transmit(ReadBinary));
        Assert.Equal(1 + ResponseChainingChannel.MaxGetResponseRounds, inner.Sent.Count);
    }

    [Fact]
    public void A_chain_longer_than_the_size_bound_is_a_malformed_response()
    {
        var big = Convert.ToHexString(new byte[4096]);
        var inner = new RecordingChannel(_ => big + "6100");

        Assert.Throws<MalformedResponseException>(() => new ResponseChainingChannel(inner).Transmit(ReadBinary));
        Assert.True(inner.Sent.Count <= 1 + (ResponseChainingChannel.MaxResponseLength / 4096) + 1);
    }

    [Fact]
    public void Cancellation_stops_the_chain_between_commands()
    {
        using var cancellation = new CancellationTokenSource();
        var inner = new RecordingChannel(_ =>
        {
            cancellation.Cancel();
            return "AA 6101";
        });

        Assert.Throws<OperationCanceledException>(() => new ResponseChainingChannel(inner).Transmit(ReadBinary, cancellation.Token));
        Assert.Single(inner.Sent);
    }

    [Fact]
    public void Wrap_does_not_stack_decorators_and_keeps_the_extended_length_flag()
    {
        var inner = new RecordingChannel(_ => "9000", supportsExtendedLength: true);
        var once = ResponseChainingChannel.Wrap(inner);

        Assert.Same(once, ResponseChainingChannel.Wrap(once));
        Assert.Equal(ApduLimits.Extended, once.Limits);
    }
}
