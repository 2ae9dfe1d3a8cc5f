using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators.MyNumber;
using Kind = OnshiDevice.Contracts.V1.WatchReadersResponse.Types.Kind;

namespace OnshiDevice.IntegrationTests;

/// <summary>Pins the order of the events WatchReaders opens with, as readers.proto promises it.</summary>
public sealed class WatchReadersOrderTests
{
    private const string ThirdReaderName = "Third Reader";

    [Fact]
    public async Task The_present_state_comes_reader_by_reader_each_attach_directly_followed_by_its_card()
    {
        await using var host = await StartWithThreeReadersAsync();
        var client = new Readers.ReadersClient(host.Channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = client.WatchReaders(new WatchReadersRequest(), cancellationToken: timeout.Token);

        var initial = await NextAsync(call.ResponseStream, 5, timeout.Token);

        Assert.Equal(ExpectedAnnouncement, initial.Select(Describe));
        Assert.Equal(host.Card.Atr, initial[1].Atr.ToByteArray());
    }

    [Fact]
    public async Task After_a_pcsc_outage_the_restore_is_followed_by_the_same_announcement()
    {
        await using var host = await StartWithThreeReadersAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = await WatchPastTheAnnouncementAsync(host, timeout.Token);

        host.Api.StopService();
        Assert.Equal(["PcscUnavailable "], (await NextAsync(call.ResponseStream, 1, timeout.Token)).Select(Describe));
        host.Api.StartService();

        var restored = await NextAsync(call.ResponseStream, 6, timeout.Token);
        Assert.Equal(["PcscRestored ", .. ExpectedAnnouncement], restored.Select(Describe));
    }

    [Fact]
    public async Task A_reader_gone_during_the_outage_is_reported_gone_before_the_others_are_announced()
    {
        await using var host = await StartWithThreeReadersAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = await WatchPastTheAnnouncementAsync(host, timeout.Token);

        host.Api.StopService();
        await NextAsync(call.ResponseStream, 1, timeout.Token);
        Assert.True(host.Api.RemoveReader(ThirdReaderName));
        host.Api.StartService();

        var restored = await NextAsync(call.ResponseStream, 6, timeout.Token);
        Assert.Equal(
            [
                "PcscRestored ",
                $"CardRemoved {ThirdReaderName}",
                $"ReaderDetached {ThirdReaderName}",
                .. ExpectedAnnouncement[..3],
            ],
            restored.Select(Describe));
    }

    private static string[] ExpectedAnnouncement =>
    [
        $"ReaderAttached {DeviceServiceHost.CardReaderName}",
        $"CardInserted {DeviceServiceHost.CardReaderName}",
        $"ReaderAttached {DeviceServiceHost.EmptyReaderName}",
        $"ReaderAttached {ThirdReaderName}",
        $"CardInserted {ThirdReaderName}",
    ];

    // PC/SC lists the simulated readers in the order they were plugged in: Card Reader, Empty Reader, Third Reader.
    private static async Task<DeviceServiceHost> StartWithThreeReadersAsync()
    {
        var host = await DeviceServiceHost.StartAsync();
        host.Api.AddReader(ThirdReaderName).Insert(VirtualMyNumberCards.Expired());
        return host;
    }

    /// <summary>A watch whose opening announcement (five events) has been read.</summary>
    private static async Task<Grpc.Core.AsyncServerStreamingCall<WatchReadersResponse>> WatchPastTheAnnouncementAsync(DeviceServiceHost host, CancellationToken cancellationToken)
    {
        var call = new Readers.ReadersClient(host.Channel).WatchReaders(new WatchReadersRequest(), cancellationToken: cancellationToken);
        await NextAsync(call.ResponseStream, ExpectedAnnouncement.Length, cancellationToken);
        return call;
    }

    private static string Describe(WatchReadersResponse readerEvent) => $"{readerEvent.Kind} {readerEvent.Reader}";

    private static async Task<List<WatchReadersResponse>> NextAsync(Grpc.Core.IAsyncStreamReader<WatchReadersResponse> events, int count, CancellationToken cancellationToken)
    {
        var received = new List<WatchReadersResponse>();
        while (received.Count < count)
        {
            Assert.True(await events.MoveNext(cancellationToken), $"The stream ended after {string.Join(", ", received.Select(Describe))}");
            received.Add(events.Current);
        }

        return received;
    }
}
