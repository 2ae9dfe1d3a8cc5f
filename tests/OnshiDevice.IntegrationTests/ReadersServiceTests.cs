using Grpc.Core;
using OnshiDevice.Contracts.V1;
using PcscContext = OnshiDevice.PcSc.PcscContext;
using ShareMode = OnshiDevice.PcSc.ShareMode;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.IntegrationTests;

public sealed class ReadersServiceTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ListReaders_reports_each_reader_with_its_card_and_atr()
    {
        var client = new Readers.ReadersClient(_host.Channel);

        var response = await client.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal([DeviceServiceHost.CardReaderName, DeviceServiceHost.EmptyReaderName], response.Readers.Select(r => r.Name).Order());
        var withCard = response.Readers.Single(r => r.Name == DeviceServiceHost.CardReaderName);
        Assert.True(withCard.CardPresent);
        Assert.Equal(_host.Card.Atr, withCard.Atr.ToByteArray());
        Assert.False(withCard.InUse);
        var empty = response.Readers.Single(r => r.Name == DeviceServiceHost.EmptyReaderName);
        Assert.False(empty.CardPresent);
        Assert.True(empty.Atr.IsEmpty);
    }

    [Fact]
    public async Task WatchReaders_sends_the_present_state_then_insertions_and_removals()
    {
        var client = new Readers.ReadersClient(_host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = client.WatchReaders(new WatchReadersRequest(), cancellationToken: timeout.Token);
        var events = call.ResponseStream;

        var initial = new List<WatchReadersResponse>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNext(timeout.Token));
            initial.Add(events.Current);
        }

        Assert.Equal(
            [DeviceServiceHost.CardReaderName, DeviceServiceHost.EmptyReaderName],
            initial.Where(e => e.Kind == WatchReadersResponse.Types.Kind.ReaderAttached).Select(e => e.Reader).Order());
        var present = Assert.Single(initial, e => e.Kind == WatchReadersResponse.Types.Kind.CardInserted);
        Assert.Equal(DeviceServiceHost.CardReaderName, present.Reader);
        Assert.Equal(_host.Card.Atr, present.Atr.ToByteArray());

        var card = new FileNotFoundCard();
        _host.EmptyReader.Insert(card);
        Assert.True(await events.MoveNext(timeout.Token));
        Assert.Equal(WatchReadersResponse.Types.Kind.CardInserted, events.Current.Kind);
        Assert.Equal(DeviceServiceHost.EmptyReaderName, events.Current.Reader);
        Assert.Equal(card.Atr, events.Current.Atr.ToByteArray());
        Assert.NotNull(events.Current.Time);

        _host.EmptyReader.Remove();
        Assert.True(await events.MoveNext(timeout.Token));
        Assert.Equal(WatchReadersResponse.Types.Kind.CardRemoved, events.Current.Kind);
        Assert.Equal(DeviceServiceHost.EmptyReaderName, events.Current.Reader);
    }

    [Fact]
    public async Task A_card_held_exclusively_by_another_application_is_in_use_and_busy()
    {
        using var pcsc = PcscContext.Establish(_host.Api);
        using var exclusive = pcsc.Connect(DeviceServiceHost.CardReaderName, ShareMode.Exclusive);

        var response = await new Readers.ReadersClient(_host.Channel).ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.True(response.Readers.Single(r => r.Name == DeviceServiceHost.CardReaderName).InUse);

        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "READER_BUSY", () =>
            new CardsClient(_host.Channel).IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
    }

    [Fact]
    public async Task WatchReaders_reports_a_pcsc_outage_and_announces_again_after_the_restore()
    {
        var client = new Readers.ReadersClient(_host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.WatchReaders(new WatchReadersRequest(), cancellationToken: timeout.Token);
        var events = call.ResponseStream;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNext(timeout.Token));
        }

        _host.Api.StopService();
        Assert.True(await events.MoveNext(timeout.Token));
        Assert.Equal(WatchReadersResponse.Types.Kind.PcscUnavailable, events.Current.Kind);
        Assert.Equal("", events.Current.Reader);

        _host.Api.StartService();
        Assert.True(await events.MoveNext(timeout.Token));
        Assert.Equal(WatchReadersResponse.Types.Kind.PcscRestored, events.Current.Kind);
        var announced = new List<WatchReadersResponse>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNext(timeout.Token));
            announced.Add(events.Current);
        }

        Assert.Equal(2, announced.Count(e => e.Kind == WatchReadersResponse.Types.Kind.ReaderAttached));
        Assert.Equal(DeviceServiceHost.CardReaderName, Assert.Single(announced, e => e.Kind == WatchReadersResponse.Types.Kind.CardInserted).Reader);
    }

    [Fact]
    public async Task An_unplugged_reader_is_detached_its_calls_find_no_reader_and_it_works_again_when_plugged_back()
    {
        var client = new Readers.ReadersClient(_host.Channel);
        var cards = new CardsClient(_host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = client.WatchReaders(new WatchReadersRequest(), cancellationToken: timeout.Token);
        var events = call.ResponseStream;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await events.MoveNext(timeout.Token));
        }

        Assert.True(_host.Api.RemoveReader(DeviceServiceHost.EmptyReaderName));
        Assert.True(await events.MoveNext(timeout.Token));
        Assert.Equal(WatchReadersResponse.Types.Kind.ReaderDetached, events.Current.Kind);
        Assert.Equal(DeviceServiceHost.EmptyReaderName, events.Current.Reader);
        await RpcErrors.AssertFailsAsync(StatusCode.NotFound, "READER_NOT_FOUND", () =>
            cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        var card = OnshiDevice.Simulators.MyNumber.VirtualMyNumberCards.Standard();
        _host.Api.AddReader(DeviceServiceHost.EmptyReaderName).Insert(card);
        var back = new List<WatchReadersResponse>();
        while (back.Count(e => e.Reader == DeviceServiceHost.EmptyReaderName) < 2)
        {
            Assert.True(await events.MoveNext(timeout.Token));
            back.Add(events.Current);
        }

        Assert.Equal(
            [WatchReadersResponse.Types.Kind.ReaderAttached, WatchReadersResponse.Types.Kind.CardInserted],
            back.Where(e => e.Reader == DeviceServiceHost.EmptyReaderName).Select(e => e.Kind));
        var identity = await cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(CardType.MyNumber, identity.CardType);
    }
}
