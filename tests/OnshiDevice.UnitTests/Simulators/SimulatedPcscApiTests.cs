using OnshiDevice.PcSc;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.UnitTests.PcSc;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class SimulatedPcscApiTests
{
    private const string ReaderName = "Sim Reader 0";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static (SimulatedPcscApi Api, SimulatedReader Reader, nint Context) Service(bool extended = true)
    {
        var api = new SimulatedPcscApi();
        var reader = api.AddReader(ReaderName, extended);
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var context));
        return (api, reader, context);
    }

    private static nint Connect(SimulatedPcscApi api, nint context, ShareMode mode = ShareMode.Shared)
    {
        Assert.Equal(PcscErrorCode.Success, api.Connect(context, ReaderName, mode, Protocols.Any, out var card, out var protocol));
        Assert.Equal(Protocols.T1, protocol);
        return card;
    }

    private static PcscErrorCode Transmit(SimulatedPcscApi api, nint card, string apdu, out byte[] response)
    {
        var buffer = new byte[65538];
        var code = api.Transmit(card, Protocols.T1, Bytes(apdu), buffer, out var length);
        response = buffer[..length];
        return code;
    }

    private static void Pause() => Thread.Sleep(150);

    [Fact]
    public void List_readers_reports_none_then_the_added_reader()
    {
        var api = new SimulatedPcscApi();
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.System, out var context));
        Assert.Equal(PcscErrorCode.NoReadersAvailable, api.ListReaders(context, out var none));
        Assert.Empty(none);
        api.AddReader(ReaderName);
        Assert.Equal(PcscErrorCode.Success, api.ListReaders(context, out var readers));
        Assert.Equal([ReaderName], readers);
        Assert.Throws<InvalidOperationException>(() => api.AddReader(ReaderName));
        Assert.True(api.RemoveReader(ReaderName));
        Assert.False(api.RemoveReader(ReaderName));
    }

    [Fact]
    public async Task Status_change_reports_insert_and_remove_with_the_event_counter()
    {
        var (api, reader, context) = Service();
        var query = new ReaderStateQuery(ReaderName);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Empty | ReaderStatus.Changed, query.EventState);
        Assert.Equal(0, query.EventCount);

        query = new ReaderStateQuery(ReaderName, ReaderStatus.Empty, 0);
        Assert.Equal(PcscErrorCode.Timeout, api.GetStatusChange(context, 50, [query]));

        var card = VirtualMyNumberCards.Standard();
        var insert = Task.Run(() => { Pause(); reader.Insert(card); });
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 5000, [query]));
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Changed, query.EventState);
        Assert.Equal(1, query.EventCount);
        Assert.Equal(card.Atr, query.Atr);
        await insert.WaitAsync(Bound);

        query = new ReaderStateQuery(ReaderName, ReaderStatus.Present, 1);
        var remove = Task.Run(() => { Pause(); reader.Remove(); });
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 5000, [query]));
        Assert.Equal(ReaderStatus.Empty | ReaderStatus.Changed, query.EventState);
        Assert.Equal(2, query.EventCount);
        Assert.Empty(query.Atr);
        await remove.WaitAsync(Bound);
    }

    [Fact]
    public void A_missed_insert_and_remove_still_shows_in_the_event_counter()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        reader.Remove();
        var query = new ReaderStateQuery(ReaderName, ReaderStatus.Empty, 0);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Empty | ReaderStatus.Changed, query.EventState);
        Assert.Equal(2, query.EventCount);
    }

    [Fact]
    public void Unknown_reader_is_reported_unknown()
    {
        var (api, _, context) = Service();
        var query = new ReaderStateQuery("No Such Reader");
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.True(query.EventState.HasFlag(ReaderStatus.Unknown));
        Assert.True(query.EventState.HasFlag(ReaderStatus.Changed));
    }

    [Fact]
    public async Task Cancel_ends_a_waiting_call_but_a_cancel_with_nobody_waiting_is_lost()
    {
        var (api, _, context) = Service();
        Assert.Equal(PcscErrorCode.Success, api.Cancel(context));
        Assert.Equal(PcscErrorCode.Timeout, api.GetStatusChange(context, 50, [new ReaderStateQuery(ReaderName, ReaderStatus.Empty)]));

        var waiting = Task.Run(() => api.GetStatusChange(context, -1, [new ReaderStateQuery(ReaderName, ReaderStatus.Empty)]));
        Pause();
        Assert.False(waiting.IsCompleted);

        // A cancel that lands before the call starts waiting is lost, so keep cancelling until it ends.
        using var bound = new CancellationTokenSource(Bound);
        while (!waiting.IsCompleted)
        {
            Assert.Equal(PcscErrorCode.Success, api.Cancel(context));
            await Task.Delay(20, bound.Token);
        }

        Assert.Equal(PcscErrorCode.Cancelled, await waiting);
    }

    [Fact]
    public async Task Pnp_notification_reports_a_changed_reader_count()
    {
        var (api, _, context) = Service();
        var pnp = new ReaderStateQuery(ReaderStateQuery.PnpNotification, ReaderStatus.Unaware, 1);
        Assert.Equal(PcscErrorCode.Timeout, api.GetStatusChange(context, 50, [pnp]));

        var add = Task.Run(() => { Pause(); api.AddReader("Sim Reader 1"); });
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 5000, [pnp]));
        Assert.True(pnp.EventState.HasFlag(ReaderStatus.Changed));
        Assert.Equal(2, pnp.EventCount);
        await add.WaitAsync(Bound);

        pnp = new ReaderStateQuery(ReaderStateQuery.PnpNotification, ReaderStatus.Unaware, 2);
        var remove = Task.Run(() => { Pause(); api.RemoveReader(ReaderName); });
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 5000, [pnp]));
        Assert.Equal(1, pnp.EventCount);
        await remove.WaitAsync(Bound);
    }

    [Fact]
    public void Connect_needs_a_known_reader_with_a_card()
    {
        var (api, reader, context) = Service();
        Assert.Equal(PcscErrorCode.UnknownReader, api.Connect(context, "Nope", ShareMode.Shared, Protocols.Any, out _, out _));
        Assert.Equal(PcscErrorCode.NoSmartcard, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.Any, out _, out _));
        reader.Insert(VirtualMyNumberCards.Standard());
        Assert.Equal(PcscErrorCode.ProtocolMismatch, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.T0, out _, out _));
        Connect(api, context);
    }

    [Fact]
    public void Exclusive_connection_excludes_others_and_shows_in_the_reader_state()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var exclusive = Connect(api, context, ShareMode.Exclusive);
        Assert.Equal(PcscErrorCode.SharingViolation, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.Any, out _, out _));
        var query = new ReaderStateQuery(ReaderName);
        api.GetStatusChange(context, 0, [query]);
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Exclusive | ReaderStatus.Changed, query.EventState);

        Assert.Equal(PcscErrorCode.Success, api.Disconnect(exclusive, Disposition.LeaveCard));
        var shared = Connect(api, context);
        Assert.Equal(PcscErrorCode.SharingViolation, api.Connect(context, ReaderName, ShareMode.Exclusive, Protocols.Any, out _, out _));
        api.GetStatusChange(context, 0, [query = new ReaderStateQuery(ReaderName)]);
        Assert.Equal(ReaderStatus.Present | ReaderStatus.InUse | ReaderStatus.Changed, query.EventState);
        Assert.Equal(PcscErrorCode.Success, api.Disconnect(shared, Disposition.LeaveCard));
        Assert.Equal(PcscErrorCode.InvalidHandle, api.Disconnect(shared, Disposition.LeaveCard));
    }

    [Fact]
    public void Transmit_reaches_the_card_and_status_reports_reader_protocol_and_atr()
    {
        var (api, reader, context) = Service();
        var virtualCard = VirtualMyNumberCards.Standard();
        reader.Insert(virtualCard);
        var card = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, card, SelectJpki, out var response));
        Assert.Equal(Bytes("90 00"), response);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, card, "00 B0 8A 00 00 00 00", out response));
        Assert.Equal([.. virtualCard.AuthCertificate, 0x90, 0x00], response);

        Assert.Equal(PcscErrorCode.Success, api.Status(card, out var name, out var protocol, out var atr));
        Assert.Equal(ReaderName, name);
        Assert.Equal(Protocols.T1, protocol);
        Assert.Equal(virtualCard.Atr, atr);

        var small = new byte[10];
        Assert.Equal(PcscErrorCode.InsufficientBuffer, api.Transmit(card, Protocols.T1, Bytes("00 B0 8A 00 00 00 00"), small, out var needed));
        Assert.Equal(virtualCard.AuthCertificate.Length + 2, needed);
    }

    [Fact]
    public void Removed_card_fails_transmit_until_reconnect_even_after_reinsertion()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context);
        reader.Remove();
        Assert.Equal(PcscErrorCode.RemovedCard, Transmit(api, card, SelectJpki, out _));
        Assert.Equal(PcscErrorCode.NoSmartcard, api.Reconnect(card, ShareMode.Shared, Protocols.Any, Disposition.LeaveCard, out _));
        reader.Insert(VirtualMyNumberCards.Standard());
        Assert.Equal(PcscErrorCode.RemovedCard, Transmit(api, card, SelectJpki, out _));
        Assert.Equal(PcscErrorCode.RemovedCard, api.Status(card, out _, out _, out _));
        Assert.Equal(PcscErrorCode.Success, api.Reconnect(card, ShareMode.Shared, Protocols.Any, Disposition.LeaveCard, out _));
        Assert.Equal(PcscErrorCode.Success, Transmit(api, card, SelectJpki, out var response));
        Assert.Equal(Bytes("90 00"), response);
    }

    [Fact]
    public void Reset_by_one_handle_is_reported_to_the_other_until_it_reconnects()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var first = Connect(api, context);
        var second = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, second, SelectJpki, out _));

        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(first));
        Assert.Equal(PcscErrorCode.Success, api.EndTransaction(first, Disposition.ResetCard));
        Assert.Equal(PcscErrorCode.Success, Transmit(api, first, "00 A4 02 0C 02 00 0A", out var afterReset));
        Assert.Equal(Bytes("6A 82"), afterReset);

        Assert.Equal(PcscErrorCode.ResetCard, Transmit(api, second, "00 A4 02 0C 02 00 0A", out _));
        Assert.Equal(PcscErrorCode.ResetCard, api.BeginTransaction(second));
        Assert.Equal(PcscErrorCode.Success, api.Reconnect(second, ShareMode.Shared, Protocols.Any, Disposition.LeaveCard, out _));
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(second));
        Assert.Equal(PcscErrorCode.Success, api.EndTransaction(second, Disposition.LeaveCard));
    }

    [Fact]
    public async Task Begin_transaction_waits_for_the_other_handle_and_its_commands_are_refused_meanwhile()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var first = Connect(api, context);
        var second = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(first));
        Assert.Equal(PcscErrorCode.SharingViolation, Transmit(api, second, SelectJpki, out _));

        var waiting = Task.Run(() => api.BeginTransaction(second));
        Pause();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(PcscErrorCode.Success, api.EndTransaction(first, Disposition.LeaveCard));
        Assert.Equal(PcscErrorCode.Success, await waiting.WaitAsync(Bound));
        Assert.Equal(PcscErrorCode.NotTransacted, api.EndTransaction(first, Disposition.LeaveCard));
        Assert.Equal(PcscErrorCode.Success, Transmit(api, second, SelectJpki, out _));
    }

    [Fact]
    public void Begin_transaction_gives_up_after_the_wait_limit()
    {
        var (api, reader, context) = Service();
        api.TransactionWaitLimit = TimeSpan.FromMilliseconds(100);
        reader.Insert(VirtualMyNumberCards.Standard());
        var first = Connect(api, context);
        var second = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(first));
        Assert.Equal(PcscErrorCode.SharingViolation, api.BeginTransaction(second));
    }

    [Fact]
    public void Disconnect_releases_the_transaction_it_held()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var first = Connect(api, context);
        var second = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(first));
        Assert.Equal(PcscErrorCode.Success, api.Disconnect(first, Disposition.LeaveCard));
        Assert.Equal(PcscErrorCode.Success, api.BeginTransaction(second));
    }

    [Fact]
    public void Short_apdu_reader_cannot_carry_long_commands_or_answers()
    {
        var (api, reader, context) = Service(extended: false);
        reader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context);
        Transmit(api, card, SelectJpki, out _);
        Transmit(api, card, "00 A4 02 0C 02 00 0A", out _);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, card, "00 B0 00 00 00", out var chunk));
        Assert.Equal(258, chunk.Length);
        Assert.Equal(PcscErrorCode.CommError, Transmit(api, card, "00 B0 00 00 00 00 00", out _));
        Assert.Equal(PcscErrorCode.CommError, Transmit(api, card, $"80 2A 00 97 00 01 00 {new string('0', 512)} 00 00", out _));
    }

    [Fact]
    public void Control_reports_max_apdu_size_through_the_tlv_properties_feature()
    {
        var (api, reader, context) = Service();
        var shortReader = api.AddReader("Short Reader", supportsExtendedLength: false);
        reader.Insert(VirtualMyNumberCards.Standard());
        shortReader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context);
        var output = new byte[64];
        Assert.Equal(PcscErrorCode.Success, api.Control(card, 0x42000D48, [], output, out var length));
        Assert.Equal(Bytes("12 04 42 33 00 12"), output[..length]);
        Assert.Equal(PcscErrorCode.Success, api.Control(card, 0x42330012, [], output, out length));
        Assert.Equal(Bytes("0A 04 00 00 01 00"), output[..length]);
        Assert.Equal(PcscErrorCode.UnsupportedFeature, api.Control(card, 0x42000001, [], output, out _));

        Assert.Equal(PcscErrorCode.Success, api.Connect(context, "Short Reader", ShareMode.Shared, Protocols.Any, out var shortCard, out _));
        Assert.Equal(PcscErrorCode.Success, api.Control(shortCard, 0x42330012, [], output, out length));
        Assert.Equal(Bytes("0A 04 00 00 00 00"), output[..length]);
    }

    [Fact]
    public void Get_attrib_returns_the_atr_and_refuses_other_attributes()
    {
        var (api, reader, context) = Service();
        var virtualCard = VirtualMyNumberCards.Standard();
        reader.Insert(virtualCard);
        var card = Connect(api, context);
        var buffer = new byte[64];
        Assert.Equal(PcscErrorCode.Success, api.GetAttrib(card, 0x00090303, buffer, out var length));
        Assert.Equal(virtualCard.Atr, buffer[..length]);
        Assert.Equal(PcscErrorCode.UnsupportedFeature, api.GetAttrib(card, 0x00010100, buffer, out _));
    }

    [Fact]
    public async Task Stopped_service_invalidates_contexts_and_wakes_waiters()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context);
        Assert.Equal(PcscErrorCode.Timeout, api.GetStatusChange(context, 20, [new ReaderStateQuery(ReaderName, ReaderStatus.Present | ReaderStatus.InUse, 1)]));
        var waiting = Task.Run(() => api.GetStatusChange(context, -1, [new ReaderStateQuery(ReaderName, ReaderStatus.Present | ReaderStatus.InUse, 1)]));
        Pause();
        api.StopService();
        Assert.Equal(PcscErrorCode.NoService, await waiting.WaitAsync(Bound));
        Assert.Equal(PcscErrorCode.NoService, api.ListReaders(context, out _));
        Assert.Equal(PcscErrorCode.NoService, api.EstablishContext(ContextScope.User, out _));
        Assert.Equal(PcscErrorCode.NoService, Transmit(api, card, SelectJpki, out _));

        api.StartService();
        Assert.Equal(PcscErrorCode.InvalidHandle, api.IsValidContext(context));
        Assert.Equal(PcscErrorCode.InvalidHandle, api.ListReaders(context, out _));
        Assert.Equal(PcscErrorCode.InvalidHandle, Transmit(api, card, SelectJpki, out _));
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var fresh));
        Assert.Equal(PcscErrorCode.Success, api.IsValidContext(fresh));
        Assert.Equal(PcscErrorCode.Success, api.ListReaders(fresh, out var readers));
        Assert.Equal([ReaderName], readers);
    }

    [Fact]
    public void Released_context_closes_its_card_handles()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context, ShareMode.Exclusive);
        Assert.Equal(PcscErrorCode.Success, api.ReleaseContext(context));
        Assert.Equal(PcscErrorCode.InvalidHandle, Transmit(api, card, SelectJpki, out _));
        Assert.Equal(PcscErrorCode.InvalidHandle, api.IsValidContext(context));
        Assert.Equal(PcscErrorCode.Success, api.EstablishContext(ContextScope.User, out var other));
        Connect(api, other, ShareMode.Exclusive);
    }

    [Fact]
    public void Disconnect_with_reset_clears_the_card_volatile_state_and_warns_other_handles()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var first = Connect(api, context);
        var second = Connect(api, context);
        Transmit(api, first, SelectJpki, out _);
        Assert.Equal(PcscErrorCode.Success, api.Disconnect(first, Disposition.ResetCard));
        Assert.Equal(PcscErrorCode.ResetCard, Transmit(api, second, SelectJpki, out _));
        api.Reconnect(second, ShareMode.Shared, Protocols.Any, Disposition.LeaveCard, out _);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, second, "00 A4 02 0C 02 00 0A", out var response));
        Assert.Equal(Bytes("6A 82"), response);
    }

    [Fact]
    public void Detached_reader_makes_its_handles_unavailable_and_its_state_unknown()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var card = Connect(api, context);
        Assert.True(api.RemoveReader(ReaderName));
        Assert.Equal(PcscErrorCode.ReaderUnavailable, Transmit(api, card, SelectJpki, out _));
        var query = new ReaderStateQuery(ReaderName, ReaderStatus.Present | ReaderStatus.InUse, 1);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Unknown | ReaderStatus.Changed, query.EventState);
        Assert.Throws<InvalidOperationException>(() => reader.Insert(VirtualMyNumberCards.Standard()));
        Assert.Equal(PcscErrorCode.Success, api.Disconnect(card, Disposition.LeaveCard));
    }

    [Fact]
    public void First_connect_after_insertion_powers_the_card_up()
    {
        var (api, reader, context) = Service();
        var virtualCard = VirtualMyNumberCards.Standard();
        virtualCard.Reset();
        virtualCard.Send(SelectJpki);
        reader.Insert(virtualCard);
        var card = Connect(api, context);
        Assert.Equal(PcscErrorCode.Success, Transmit(api, card, "00 A4 02 0C 02 00 0A", out var response));
        Assert.Equal(Bytes("6A 82"), response);
    }

    [Fact]
    public async Task A_mute_card_reads_present_and_mute_without_an_atr_and_refuses_a_connect()
    {
        var (api, reader, context) = Service();
        reader.Condition = SimulatedReaderCondition.CardMute;
        var card = VirtualMyNumberCards.Standard();
        reader.Insert(card);

        var query = new ReaderStateQuery(ReaderName);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Mute | ReaderStatus.Changed, query.EventState);
        Assert.Empty(query.Atr);
        Assert.Equal(PcscErrorCode.UnresponsiveCard, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.Any, out _, out _));

        // Answering the reset at last is a change a waiter sees, without a card event.
        var waiting = new ReaderStateQuery(ReaderName, ReaderStatus.Present | ReaderStatus.Mute, 1);
        var wait = Task.Run(() => api.GetStatusChange(context, -1, [waiting]));
        Assert.True(SpinWait.SpinUntil(() => api.ActiveWaits == 1, Bound));
        reader.Condition = SimulatedReaderCondition.Working;
        Assert.Equal(PcscErrorCode.Success, await wait.WaitAsync(Bound));
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Changed, waiting.EventState);
        Assert.Equal(1, waiting.EventCount);
        Assert.Equal(card.Atr, waiting.Atr);
        Connect(api, context);
    }

    [Fact]
    public void An_unavailable_reader_says_so_beside_its_card_and_refuses_a_connect()
    {
        var (api, reader, context) = Service();
        reader.Condition = SimulatedReaderCondition.Unavailable;
        var query = new ReaderStateQuery(ReaderName);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Empty | ReaderStatus.Unavailable | ReaderStatus.Changed, query.EventState);

        reader.Insert(VirtualMyNumberCards.Standard());
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query = new ReaderStateQuery(ReaderName)]));
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Unavailable | ReaderStatus.Changed, query.EventState);
        Assert.Equal(PcscErrorCode.ReaderUnavailable, api.Connect(context, ReaderName, ShareMode.Shared, Protocols.Any, out _, out _));
        Assert.Equal(SimulatedReaderCondition.Unavailable, reader.Condition);

        reader.Condition = SimulatedReaderCondition.Working;
        Connect(api, context);
    }

    [Fact]
    public void Replacing_a_card_steps_the_event_counter_twice_and_old_handles_see_a_removal()
    {
        var (api, reader, context) = Service();
        reader.Insert(VirtualMyNumberCards.Standard());
        var old = Connect(api, context);
        var other = new AnsweringCard([0x3B, 0x8F, 0x80, 0x01]);

        reader.Replace(other);

        var query = new ReaderStateQuery(ReaderName, ReaderStatus.Present, 1);
        Assert.Equal(PcscErrorCode.Success, api.GetStatusChange(context, 0, [query]));
        Assert.Equal(ReaderStatus.Present | ReaderStatus.Changed, query.EventState);
        Assert.Equal(3, query.EventCount);
        Assert.Equal(other.Atr, query.Atr);
        Assert.Same(other, reader.Card);
        Assert.Equal(PcscErrorCode.RemovedCard, Transmit(api, old, SelectJpki, out _));

        reader.Remove();
        Assert.Throws<InvalidOperationException>(() => reader.Replace(other));
    }
}
