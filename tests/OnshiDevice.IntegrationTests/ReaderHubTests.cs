using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Readers;
using Kind = OnshiDevice.Contracts.V1.WatchReadersResponse.Types.Kind;

namespace OnshiDevice.IntegrationTests;

/// <summary>WatchReaders and ListReaders through the reader hub, as docs/ERRORS.md and readers.proto describe them.</summary>
public sealed class ReaderHubTests
{
    [Fact]
    public async Task Watches_past_OnshiDevice_MaxWatchStreams_are_refused_with_the_setting_and_a_closed_one_frees_its_place()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?> { ["OnshiDevice:MaxWatchStreams"] = "2" });
        var client = new Readers.ReadersClient(host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await OpenAsync(client, timeout.Token);
        using var second = await OpenAsync(client, timeout.Token);

        var info = await RpcErrors.AssertFailsAsync(StatusCode.ResourceExhausted, "WATCH_LIMIT_REACHED", async () =>
        {
            using var third = client.WatchReaders(new WatchReadersRequest(), cancellationToken: timeout.Token);
            await third.ResponseStream.MoveNext(timeout.Token);
        });
        Assert.Equal("OnshiDevice:MaxWatchStreams", info.Metadata["setting"]);

        first.Dispose();
        var hub = host.Services.GetRequiredService<ReaderHub>();
        while (hub.SubscriberCount > 1)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        using var again = await OpenAsync(client, timeout.Token);
    }

    [Fact]
    public async Task Every_watch_hears_every_event_in_the_same_order()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var client = new Readers.ReadersClient(host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watches = new List<AsyncServerStreamingCall<WatchReadersResponse>>();
        for (var i = 0; i < 20; i++)
        {
            watches.Add(await OpenAsync(client, timeout.Token));
        }

        for (var tap = 0; tap < 5; tap++)
        {
            host.EmptyReader.Insert(new FileNotFoundCard());
            foreach (var watch in watches)
            {
                Assert.Equal(Kind.CardInserted, (await NextAsync(watch, timeout.Token)).Kind);
            }

            host.EmptyReader.Remove();
            foreach (var watch in watches)
            {
                Assert.Equal(Kind.CardRemoved, (await NextAsync(watch, timeout.Token)).Kind);
            }
        }

        watches.ForEach(watch => watch.Dispose());
    }

    [Fact]
    public async Task ListReaders_sees_a_change_made_just_before_it_and_agrees_with_the_watch()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var client = new Readers.ReadersClient(host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = await OpenAsync(client, timeout.Token);

        for (var tap = 0; tap < 10; tap++)
        {
            var card = new FileNotFoundCard();
            host.EmptyReader.Insert(card);
            var listed = await client.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            var reader = listed.Readers.Single(r => r.Name == DeviceServiceHost.EmptyReaderName);
            Assert.True(reader.CardPresent);
            Assert.Equal(card.Atr, reader.Atr.ToByteArray());
            Assert.Equal(Kind.CardInserted, (await NextAsync(watch, timeout.Token)).Kind);

            host.EmptyReader.Remove();
            listed = await client.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.False(listed.Readers.Single(r => r.Name == DeviceServiceHost.EmptyReaderName).CardPresent);
            Assert.Equal(Kind.CardRemoved, (await NextAsync(watch, timeout.Token)).Kind);
        }
    }

    [Fact]
    public async Task A_watch_whose_client_stops_reading_is_dropped_with_WATCHER_TOO_SLOW_and_the_others_keep_up()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var client = new Readers.ReadersClient(host.Channel);
        var hub = host.Services.GetRequiredService<ReaderHub>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var stalled = await OpenAsync(client, timeout.Token);
        using var reading = await OpenAsync(client, timeout.Token);

        // Tap after tap, each heard by the reading watch, until the stalled client's buffers (HTTP/2 flow
        // control, then its 256 events in the hub) are full and the hub lets it go.
        var taps = 0;
        while (hub.SubscriberCount == 2)
        {
            Assert.True(taps < 20_000, "The stalled watch was never dropped.");
            host.EmptyReader.Insert(new FileNotFoundCard());
            Assert.Equal(Kind.CardInserted, (await NextAsync(reading, timeout.Token)).Kind);
            host.EmptyReader.Remove();
            Assert.Equal(Kind.CardRemoved, (await NextAsync(reading, timeout.Token)).Kind);
            taps++;
        }

        var failure = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stalled.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, failure.StatusCode);
        Assert.Equal("WATCHER_TOO_SLOW", failure.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason);

        host.EmptyReader.Insert(new FileNotFoundCard());
        Assert.Equal(Kind.CardInserted, (await NextAsync(reading, timeout.Token)).Kind);
    }

    [Fact]
    public async Task ListReaders_during_a_pcsc_outage_is_PCSC_UNAVAILABLE()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var client = new Readers.ReadersClient(host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = await OpenAsync(client, timeout.Token);

        host.Api.StopService();
        Assert.Equal(Kind.PcscUnavailable, (await NextAsync(watch, timeout.Token)).Kind);

        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "PCSC_UNAVAILABLE", () =>
            client.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
    }

    /// <summary>A watch whose opening announcement (the host's two readers, one card) has been read.</summary>
    private static async Task<AsyncServerStreamingCall<WatchReadersResponse>> OpenAsync(Readers.ReadersClient client, CancellationToken cancellationToken)
    {
        var call = client.WatchReaders(new WatchReadersRequest(), cancellationToken: cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await NextAsync(call, cancellationToken);
        }

        return call;
    }

    private static async Task<WatchReadersResponse> NextAsync(AsyncServerStreamingCall<WatchReadersResponse> call, CancellationToken cancellationToken)
    {
        Assert.True(await call.ResponseStream.MoveNext(cancellationToken));
        return call.ResponseStream.Current;
    }
}
