using Grpc.Core;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>A card that stops answering ends the call at its deadline; the reader stays locked until the card returns.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;
    private CardsClient _cards = null!;

    public async Task InitializeAsync()
    {
        _host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["OnshiDevice:DefaultCallTimeout"] = "00:00:00.500",
            ["OnshiDevice:ReaderLockTimeout"] = "00:00:00.300",
        });
        _cards = new CardsClient(_host.Channel);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_stuck_card_ends_with_deadline_exceeded_and_the_next_call_finds_the_reader_busy()
    {
        using var stuck = new StuckCard();
        _host.EmptyReader.Insert(stuck);
        var request = new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName };

        // No client deadline: the service's default timeout (0.5 s here) bounds the call.
        await RpcErrors.AssertFailsAsync(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED", () => _cards.IdentifyCardAsync(request).ResponseAsync);
        Assert.Equal(1, stuck.Commands);

        await RpcErrors.AssertFailsAsync(StatusCode.Unavailable, "READER_BUSY", () => _cards.IdentifyCardAsync(request).ResponseAsync);
        Assert.Equal(1, stuck.Commands);

        stuck.Release();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var identity = await _cards.IdentifyCardAsync(request);
                Assert.Equal(CardType.Unknown, identity.CardType);
                break;
            }
            catch (RpcException busy) when (busy.StatusCode == StatusCode.Unavailable && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact]
    public async Task A_stuck_card_on_one_reader_does_not_hold_up_the_card_on_another()
    {
        using var stuck = new StuckCard();
        _host.EmptyReader.Insert(stuck);
        var stuckCall = _cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = DeviceServiceHost.EmptyReaderName }).ResponseAsync;

        var identity = await _cards.IdentifyCardAsync(
            new IdentifyCardRequest { Reader = DeviceServiceHost.CardReaderName }, deadline: DateTime.UtcNow.AddSeconds(5));

        Assert.Equal(CardType.MyNumber, identity.CardType);
        await RpcErrors.AssertFailsAsync(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED", () => stuckCall);
        stuck.Release();
    }
}
