using OnshiDevice.PcSc;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.UnitTests.PcSc;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class SimulatedPcscFaultsTests
{
    private const string ReaderName = "Sim Reader 0";
    private static readonly byte[] Atr = [0x3B, 0x88];

    private static (SimulatedPcscApi Api, AnsweringCard Card, nint Context, nint Handle) Connected()
    {
        var api = new SimulatedPcscApi();
        var card = new AnsweringCard(Atr);
        api.AddReader(ReaderName).Insert(card);
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var context));
        Assert.Equal(PcscErrorCode.Success, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.T1, out var handle, out _));
        return (api, card, context, handle);
    }

    [Fact]
    public void Establish_throws_the_exception_set_and_works_again_once_it_is_cleared()
    {
        var api = new SimulatedPcscApi();
        var missing = new DllNotFoundException("libpcsclite.so.1");
        api.Faults.EstablishThrows = missing;

        Assert.Same(missing, Assert.Throws<DllNotFoundException>(() => api.EstablishContext(ContextScope.User, out _)));
        Assert.Equal(0, api.OpenContexts);

        api.Faults.EstablishThrows = null;
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var context));
        Assert.Equal(PcscErrorCode.Success, api.IsValidContext(context));
    }

    [Theory]
    [InlineData(PcscErrorCode.CommError)]
    [InlineData(PcscErrorCode.NoMemory)]
    public void Establish_refuses_with_the_code_set_and_gives_no_context(PcscErrorCode refusal)
    {
        var api = new SimulatedPcscApi();
        api.Faults.EstablishRefusal = refusal;

        Assert.Equal(refusal, api.EstablishContext(ContextScope.User, out var refused));
        Assert.Equal(0, refused);
        Assert.Equal(0, api.OpenContexts);

        api.Faults.EstablishRefusal = PcscErrorCode.Success;
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out _));
    }

    [Fact]
    public void A_stopped_service_says_no_service_whatever_refusal_is_set()
    {
        var api = new SimulatedPcscApi();
        api.Faults.EstablishRefusal = PcscErrorCode.CommError;
        api.StopService();

        Assert.Equal(PcscErrorCode.NoService, api.EstablishContext(ContextScope.User, out _));
    }

    [Fact]
    public void Without_pnp_support_the_pnp_reader_reads_unknown_at_once()
    {
        var (api, _, context, _) = Connected();
        var supported = new ReaderStateQuery(ReaderStateQuery.PnpNotification, ReaderStatus.Unaware, 1);
        Assert.Equal(PcscErrorCode.Timeout, api.GetStatusChange(context, 0, [supported]));

        api.Faults.PnpUnsupported = true;
        var unsupported = new ReaderStateQuery(ReaderStateQuery.PnpNotification, ReaderStatus.Unaware, 1);

        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, -1, [unsupported]));
        Assert.Equal(ReaderStatus.Unknown | ReaderStatus.Changed, unsupported.EventState);
    }

    [Fact]
    public void A_wait_naming_a_missing_reader_fails_with_unknown_reader_when_switched_on()
    {
        var (api, _, context, _) = Connected();
        api.Faults.UnknownReaderFailsWait = true;

        Assert.Equal(PcscErrorCode.UnknownReader, api.GetStatusChange(context, -1, [new ReaderStateQuery(ReaderName), new ReaderStateQuery("Gone")]));

        // The PnP pseudo-reader is never "missing", and attached readers wait as before.
        var present = new ReaderStateQuery(ReaderName);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [present, new ReaderStateQuery(ReaderStateQuery.PnpNotification, ReaderStatus.Unaware, 0)]));
        Assert.True(present.EventState.HasFlag(ReaderStatus.Present));
    }

    [Fact]
    public void Transmit_fails_with_the_code_set_without_asking_the_card()
    {
        var (api, card, _, handle) = Connected();
        var asked = 0;
        card.Answer = _ =>
        {
            Interlocked.Increment(ref asked);
            return [0x90, 0x00];
        };
        api.Faults.TransmitFailure = PcscErrorCode.CommError;
        var response = new byte[258];

        Assert.Equal(PcscErrorCode.CommError, api.Transmit(handle, Protocols.T1, [0x00, 0xA4, 0x04, 0x00], response, out var length));
        Assert.Equal(0, length);
        Assert.Equal(0, asked);

        api.Faults.TransmitFailure = PcscErrorCode.Success;
        Assert.Equal(PcscErrorCode.Success, api.Transmit(handle, Protocols.T1, [0x00, 0xA4, 0x04, 0x00], response, out length));
        Assert.Equal(2, length);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void Transmit_failure_does_not_revive_an_invalid_handle()
    {
        var (api, _, _, _) = Connected();
        api.Faults.TransmitFailure = PcscErrorCode.CommError;

        Assert.Equal(PcscErrorCode.InvalidHandle, api.Transmit(0x7777, Protocols.T1, [0x00, 0xA4, 0x04, 0x00], new byte[258], out _));
    }

    [Fact]
    public void Control_answers_from_the_handler_cut_to_the_buffer_and_from_the_driver_without_one()
    {
        var (api, _, _, handle) = Connected();
        api.Faults.ControlAnswer = code => code == 0x42000D48 ? (PcscErrorCode.Success, [1, 2, 3, 4]) : (PcscErrorCode.RemovedCard, []);
        var output = new byte[3];

        Assert.Equal(PcscErrorCode.Success, api.Control(handle, 0x42000D48, [], output, out var length));
        Assert.Equal(3, length);
        Assert.Equal([1, 2, 3], output);
        Assert.Equal(PcscErrorCode.RemovedCard, api.Control(handle, SimulatedPcscApi.GetTlvPropertiesControlCode, [], output, out length));
        Assert.Equal(0, length);

        api.Faults.ControlAnswer = null;
        var features = new byte[64];
        Assert.Equal(PcscErrorCode.Success, api.Control(handle, SimulatedPcscApi.GetFeatureRequestControlCode, [], features, out length));
        Assert.Equal([0x12, 0x04, 0x42, 0x33, 0x00, 0x12], features[..length]);
    }

    [Fact]
    public void Begin_transaction_returns_the_queued_codes_one_per_call_then_answers_for_itself()
    {
        var (api, _, _, handle) = Connected();
        api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.ResetCard);
        api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.RemovedCard);

        Assert.Equal(PcscErrorCode.ResetCard, api.BeginTransaction(handle));
        Assert.Equal(PcscErrorCode.RemovedCard, api.BeginTransaction(handle));
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(handle));
        Assert.Equal(PcscErrorCode.Success, api.EndTransaction(handle, Disposition.LeaveCard));
    }

    [Fact]
    public void A_queued_code_is_kept_for_a_valid_handle()
    {
        var (api, _, _, handle) = Connected();
        api.Faults.BeginTransactionResults.Enqueue(PcscErrorCode.ResetCard);
        api.Faults.StatusResults.Enqueue(PcscErrorCode.RemovedCard);

        Assert.Equal(PcscErrorCode.InvalidHandle, api.BeginTransaction(0x7777));
        Assert.Equal(PcscErrorCode.InvalidHandle, api.Status(0x7777, out _, out _, out _));

        Assert.Equal(PcscErrorCode.ResetCard, api.BeginTransaction(handle));
        Assert.Equal(PcscErrorCode.RemovedCard, api.Status(handle, out _, out _, out _));
    }

    [Fact]
    public void Status_returns_the_queued_codes_one_per_call_then_the_truth()
    {
        var (api, _, _, handle) = Connected();
        api.Faults.StatusResults.Enqueue(PcscErrorCode.Success);
        api.Faults.StatusResults.Enqueue(PcscErrorCode.RemovedCard);

        Assert.Equal(PcscErrorCode.Success, api.Status(handle, out var name, out _, out var atr));
        Assert.Equal(ReaderName, name);
        Assert.Equal(Atr, atr);
        Assert.Equal(PcscErrorCode.RemovedCard, api.Status(handle, out _, out _, out atr));
        Assert.Empty(atr);
        Assert.Equal(PcscErrorCode.Success, api.Status(handle, out _, out var protocol, out atr));
        Assert.Equal(Protocols.T1, protocol);
        Assert.Equal(Atr, atr);
    }
}
