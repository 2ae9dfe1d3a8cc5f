using OnshiDevice.PcSc;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

public sealed class CardConnectionTests : IDisposable
{
    private readonly SimulatedPcscApi _api = new();
    private readonly AnsweringCard _card = new([0x3B, 0x00]);
    private readonly PcscContext _context;

    public CardConnectionTests()
    {
        _api.AddReader("A").Insert(_card);
        _context = PcscContext.Establish(_api);
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Transmit_returns_the_whole_response_and_offers_room_for_an_extended_one()
    {
        _card.Answer = command => command[1] == 0xB0 ? [.. new byte[65536], 0x90, 0x00] : [0x6D, 0x00];
        using var card = _context.Connect("A");

        var response = card.Transmit([0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00]);

        Assert.Equal(65538, response.Length);
        Assert.Equal([0x90, 0x00], response[^2..]);
        Assert.Equal(65540, _api.Calls.LastTransmitBufferLength);
        Assert.Equal([0x6D, 0x00], card.Transmit([0x00, 0xFF, 0x00, 0x00]));
    }

    [Fact]
    public void CardLeft_waits_for_PCSC_to_notice_a_removal()
    {
        // pcscd reports the removal a poll after vpcd lost the card: success first, then removed.
        _api.Faults.StatusResults.Enqueue(PcscErrorCode.Success);
        _api.Faults.StatusResults.Enqueue(PcscErrorCode.RemovedCard);
        using var card = _context.Connect("A");

        Assert.True(card.CardLeft(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(PcscErrorCode.Success, false)]
    [InlineData(PcscErrorCode.ResetCard, false)]
    [InlineData(PcscErrorCode.RemovedCard, true)]
    [InlineData(PcscErrorCode.NoSmartcard, true)]
    [InlineData(PcscErrorCode.NoService, false)]
    public void CardLeft_without_settling_asks_once(PcscErrorCode status, bool left)
    {
        _api.Faults.StatusResults.Enqueue(status);
        using var card = _context.Connect("A");

        Assert.Equal(left, card.CardLeft(TimeSpan.Zero));
    }

    [Fact]
    public void A_response_without_status_word_is_a_communication_error_for_the_call_to_explain()
    {
        _card.Answer = _ => [];
        using var card = _context.Connect("A");

        Assert.Throws<PcscCommunicationException>(() => card.Transmit([0x00, 0xB0, 0x00, 0x00, 0x00]));
    }

    [Fact]
    public void A_response_without_status_word_from_a_card_still_present_is_a_communication_error()
    {
        _card.Answer = _ => [0x90];
        using var card = _context.Connect("A");

        Assert.Throws<PcscCommunicationException>(() => card.Transmit([0x00, 0xB0, 0x00, 0x00, 0x00]));
    }

    [Fact]
    public void BeginTransaction_after_a_reset_reconnects_leaving_the_card_and_retries_once()
    {
        _api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.ResetCard);
        using var card = _context.Connect("A", ShareMode.Shared, Protocols.T1);

        using var transaction = card.BeginTransaction();

        Assert.True(transaction.CardWasReset);
        Assert.Equal(["BeginTransaction", "Reconnect Shared T1 LeaveCard", "BeginTransaction"], _api.Calls.CardCalls);
    }

    [Fact]
    public void BeginTransaction_reset_twice_throws_card_reset()
    {
        _api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.ResetCard);
        _api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.ResetCard);
        using var card = _context.Connect("A");

        Assert.Throws<CardResetException>(() => card.BeginTransaction());
    }

    [Fact]
    public void BeginTransaction_on_a_removed_card_throws_card_removed()
    {
        _api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.RemovedCard);
        using var card = _context.Connect("A");

        Assert.Throws<CardRemovedException>(() => card.BeginTransaction());
    }

    [Fact]
    public void Disposing_a_transaction_ends_it_leaving_the_card_unless_already_ended()
    {
        using var card = _context.Connect("A");

        using (var transaction = card.BeginTransaction())
        {
            Assert.False(transaction.CardWasReset);
        }

        var second = card.BeginTransaction();
        second.End(Disposition.ResetCard);
        second.Dispose();

        Assert.Equal(["BeginTransaction", "EndTransaction LeaveCard", "BeginTransaction", "EndTransaction ResetCard"], _api.Calls.CardCalls);
    }

    [Fact]
    public void Dispose_disconnects_leaving_the_card_once_and_not_after_an_explicit_disconnect()
    {
        var first = _context.Connect("A");
        first.Dispose();
        first.Dispose();
        var second = _context.Connect("A");
        second.Disconnect(Disposition.UnpowerCard);
        second.Dispose();

        Assert.Equal(["Disconnect LeaveCard", "Disconnect UnpowerCard"], _api.Calls.CardCalls);
        Assert.Throws<ObjectDisposedException>(() => first.Transmit([0x00, 0xA4, 0x00, 0x00]));
    }

    [Fact]
    public void GetAtr_reads_the_atr_with_status()
    {
        using var card = _context.Connect("A");

        Assert.Equal([0x3B, 0x00], card.GetAtr());
        Assert.Equal(Protocols.T1, card.ActiveProtocol);
    }

    [Fact]
    public void GetMaxApduDataSize_follows_the_feature_list_to_the_tlv_properties()
    {
        ReaderReportsMaxDataSize([0x00, 0x00, 0x01, 0x00]);
        using var card = _context.Connect("A");

        Assert.Equal(65536, card.GetMaxApduDataSize());
    }

    [Fact]
    public void GetMaxApduDataSize_is_zero_when_the_reader_says_short_APDUs_only()
    {
        ReaderReportsMaxDataSize([0x00, 0x00, 0x00, 0x00]);
        using var card = _context.Connect("A");

        // The CCID driver's 0 means "short APDUs only", not "unknown": the reader did tell.
        Assert.Equal(0, card.GetMaxApduDataSize());
    }

    [Fact]
    public void GetMaxApduDataSize_is_null_when_the_reader_does_not_tell()
    {
        using var card = _context.Connect("A");

        // pcsc-lite answers SCardControl on a driver without features with 0x8010001F (its UNSUPPORTED_FEATURE).
        _api.Faults.ControlAnswer = _ => (PcscErrorCode.Unexpected, []);
        Assert.Null(card.GetMaxApduDataSize());

        _api.Faults.ControlAnswer = _ => (PcscErrorCode.Success, [0x06, 0x04, 0x42, 0x33, 0x00, 0x06]);
        Assert.Null(card.GetMaxApduDataSize());

        _api.Faults.ControlAnswer = code => code == 0x42330012
            ? (PcscErrorCode.Success, [0x01, 0x02, 0x00, 0x00])
            : (PcscErrorCode.Success, [0x12, 0x04, 0x42, 0x33, 0x00, 0x12]);
        Assert.Null(card.GetMaxApduDataSize());
    }

    [Fact]
    public void GetMaxApduDataSize_reports_a_removed_card()
    {
        _api.Faults.ControlAnswer = _ => (PcscErrorCode.RemovedCard, []);
        using var card = _context.Connect("A");

        Assert.Throws<CardRemovedException>(() => card.GetMaxApduDataSize());
    }

    // A CCID reader's answers: the feature list names GET_TLV_PROPERTIES, whose properties carry the largest data field.
    private void ReaderReportsMaxDataSize(byte[] littleEndianSize)
    {
        var featureRequest = PcscApi.ControlCode(ReaderFeatures.GetFeatureRequestFunction);
        _api.Faults.ControlAnswer = code => code switch
        {
            _ when code == featureRequest => (PcscErrorCode.Success, [0x12, 0x04, 0x42, 0x33, 0x00, 0x12]),
            0x42330012 => (PcscErrorCode.Success, [0x0A, 0x04, .. littleEndianSize]),
            _ => (PcscErrorCode.InvalidParameter, []),
        };
    }
}
