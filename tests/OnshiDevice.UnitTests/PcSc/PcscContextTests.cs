using OnshiDevice.PcSc;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

public class PcscContextTests
{
    [Fact]
    public void GetReaders_is_empty_when_pcsc_says_no_readers()
    {
        using var context = PcscContext.Establish(new SimulatedPcscApi());

        Assert.Empty(context.GetReaders());
    }

    [Fact]
    public void GetReaders_lists_attached_readers()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        api.AddReader("B");
        using var context = PcscContext.Establish(api);

        Assert.Equal(["A", "B"], context.GetReaders());
    }

    [Fact]
    public void WaitForChange_returns_false_on_timeout()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        using var context = PcscContext.Establish(api);
        var state = new ReaderStateQuery("A", ReaderStatus.Empty);

        Assert.False(context.WaitForChange([state], 0));
    }

    [Fact]
    public void WaitForChange_returns_true_and_fills_the_state_when_it_differs()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A").Insert(new AnsweringCard([0x3B, 0x01]));
        using var context = PcscContext.Establish(api);
        var state = new ReaderStateQuery("A");

        Assert.True(context.WaitForChange([state], 0));
        Assert.True(state.EventState.HasFlag(ReaderStatus.Present));
        Assert.Equal(1, state.EventCount);
        Assert.Equal([0x3B, 0x01], state.Atr);
    }

    [Fact]
    public void Establish_without_a_service_throws_service_unavailable()
    {
        var api = new SimulatedPcscApi();
        api.StopService();

        var exception = Assert.Throws<PcscServiceUnavailableException>(() => PcscContext.Establish(api));
        Assert.Equal(PcscErrorCode.NoService, exception.ErrorCode);
    }

    [Fact]
    public void A_context_from_before_a_service_restart_is_invalid_and_its_calls_say_service_unavailable()
    {
        var api = new SimulatedPcscApi();
        using var context = PcscContext.Establish(api);
        api.StopService();
        api.StartService();

        Assert.False(context.IsValid);
        var exception = Assert.Throws<PcscServiceUnavailableException>(() => context.GetReaders());
        Assert.Equal(PcscErrorCode.InvalidHandle, exception.ErrorCode);
    }

    [Fact]
    public async Task Cancel_ends_a_wait_on_another_thread()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        using var context = PcscContext.Establish(api);
        var wait = Task.Run(() => context.WaitForChange([new ReaderStateQuery("A", ReaderStatus.Empty)], -1));
        Assert.True(SpinWait.SpinUntil(() => api.ActiveWaits > 0, TimeSpan.FromSeconds(5)));

        context.Cancel();

        var exception = await Assert.ThrowsAsync<PcscCancelledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(PcscErrorCode.Cancelled, exception.ErrorCode);
    }

    [Fact]
    public void Dispose_releases_the_context_once_and_later_calls_throw()
    {
        var api = new SimulatedPcscApi();
        var context = PcscContext.Establish(api);
        Assert.Equal(1, api.OpenContexts);

        context.Dispose();
        context.Dispose();

        Assert.Equal(0, api.OpenContexts);
        Assert.False(context.IsValid);
        Assert.Throws<ObjectDisposedException>(() => context.GetReaders());
    }

    [Fact]
    public void Connect_to_an_empty_reader_throws_card_removed()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("A");
        using var context = PcscContext.Establish(api);

        Assert.Throws<CardRemovedException>(() => context.Connect("A"));
        Assert.Throws<UnknownReaderException>(() => context.Connect("nope"));
    }
}
