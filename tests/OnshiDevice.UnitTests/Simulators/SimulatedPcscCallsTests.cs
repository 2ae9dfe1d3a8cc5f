using OnshiDevice.PcSc;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.UnitTests.PcSc;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class SimulatedPcscCallsTests
{
    private const string ReaderName = "Sim Reader 0";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public void Contexts_made_and_refused_are_counted_and_open_ones_tracked()
    {
        var api = new SimulatedPcscApi();
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var first));
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out _));
        api.Faults.EstablishRefusal = PcscErrorCode.CommError;
        api.EstablishContext(ContextScope.User, out _);
        api.Faults.EstablishRefusal = PcscErrorCode.Success;
        api.Faults.EstablishThrows = new DllNotFoundException("libpcsclite.so.1");
        Assert.Throws<DllNotFoundException>(() => api.EstablishContext(ContextScope.User, out _));

        Assert.Equal(2, api.Calls.ContextsEstablished);
        Assert.Equal(2, api.Calls.FailedEstablishAttempts);
        Assert.Equal(2, api.OpenContexts);
        Assert.Equal(PcscErrorCode.Success, api.ReleaseContext(first));
        Assert.Equal(1, api.OpenContexts);
        api.StopService();
        Assert.Equal(0, api.OpenContexts);
    }

    [Fact]
    public void Listing_connecting_and_the_room_offered_for_a_response_are_counted()
    {
        var api = new SimulatedPcscApi();
        api.AddReader(ReaderName).Insert(new AnsweringCard([0x3B, 0x00]));
        api.EstablishContext(ContextScope.User, out var context);

        api.ListReaders(context, out _);
        api.ListReaders(0x7777, out _);
        api.Connect(context, "Nope", ShareMode.Shared, Protocols.T1, out _, out _);
        api.Connect(context, ReaderName, ShareMode.Shared, Protocols.T1, out var card, out _);
        api.Transmit(card, Protocols.T1, [0x00, 0xA4, 0x04, 0x00], new byte[300], out _);

        Assert.Equal(2, api.Calls.ListReaders);
        Assert.Equal(2, api.Calls.Connects);
        Assert.Equal(300, api.Calls.LastTransmitBufferLength);
    }

    [Fact]
    public void Card_side_calls_are_written_down_in_order()
    {
        var api = new SimulatedPcscApi();
        api.AddReader(ReaderName).Insert(new AnsweringCard([0x3B, 0x00]));
        api.EstablishContext(ContextScope.User, out var context);
        api.Connect(context, ReaderName, ShareMode.Shared, Protocols.T1, out var card, out _);

        api.BeginTransaction(card);
        api.Transmit(card, Protocols.T1, [0x00, 0xA4, 0x04, 0x00], new byte[258], out _);
        api.EndTransaction(card, Disposition.ResetCard);
        api.Reconnect(card, ShareMode.Shared, Protocols.T1, Disposition.LeaveCard, out _);
        api.Control(card, SimulatedPcscApi.GetFeatureRequestControlCode, [], new byte[64], out _);
        api.Disconnect(card, Disposition.UnpowerCard);

        Assert.Equal(
            ["BeginTransaction", "EndTransaction ResetCard", "Reconnect Shared T1 LeaveCard", "Control 42000D48", "Disconnect UnpowerCard"],
            api.Calls.CardCalls);
    }

    [Fact]
    public async Task Active_waits_count_the_status_waits_blocked_now()
    {
        var api = new SimulatedPcscApi();
        var reader = api.AddReader(ReaderName);
        api.EstablishContext(ContextScope.User, out var context);
        Assert.Equal(0, api.ActiveWaits);

        var waiting = Task.Run(() => api.GetStatusChange(context, -1, [new ReaderStateQuery(ReaderName, ReaderStatus.Empty)]));
        Assert.True(SpinWait.SpinUntil(() => api.ActiveWaits == 1, Bound));

        // Seen waiting means it is past the point where an SCardCancel could be lost.
        Assert.Equal(PcscErrorCode.Success, api.Cancel(context));
        Assert.Equal(PcscErrorCode.Cancelled, await waiting.WaitAsync(Bound));
        Assert.Equal(0, api.ActiveWaits);

        waiting = Task.Run(() => api.GetStatusChange(context, -1, [new ReaderStateQuery(ReaderName, ReaderStatus.Empty)]));
        Assert.True(SpinWait.SpinUntil(() => api.ActiveWaits == 1, Bound));
        reader.Insert(new AnsweringCard([0x3B, 0x00]));
        Assert.Equal(PcscErrorCode.Success, await waiting.WaitAsync(Bound));
        Assert.Equal(0, api.ActiveWaits);
    }
}
