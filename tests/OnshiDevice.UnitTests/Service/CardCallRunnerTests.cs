using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.Service;
using OnshiDevice.Service.Cards;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.UnitTests.Service;

public sealed class CardCallRunnerTests : IDisposable
{
    private static readonly CommandApdu Select = new(0x00, 0xA4, 0x04, 0x0C, new byte[] { 0xD3, 0x92 });

    private readonly FakePcscApi _api = new("Reader A", "Reader B");
    private readonly ReaderLocks _locks = new();
    private readonly ReaderContexts _contexts;

    public CardCallRunnerTests() => _contexts = new ReaderContexts(_api);

    public void Dispose()
    {
        _contexts.Dispose();
        _locks.Dispose();
    }

    [Fact]
    public async Task Calls_on_a_reader_reuse_one_context_and_replace_it_after_PCSC_restarts()
    {
        var runner = Runner();
        for (var call = 0; call < 3; call++)
        {
            await runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        }

        var afterThreeCalls = _api.ContextsEstablished;
        _api.RestartService();
        var answer = await runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token).StatusWord);

        Assert.Equal(StatusWord.Success, answer);
        Assert.Equal(2, afterThreeCalls); // one to check the new reader name exists, one for the calls
        Assert.Equal(3, _api.ContextsEstablished);
    }

    [Theory]
    [InlineData(CardCallEnd.LeaveCard, Disposition.LeaveCard)]
    [InlineData(CardCallEnd.ResetCard, Disposition.ResetCard)]
    public async Task The_transaction_ends_as_the_call_asks(CardCallEnd end, Disposition expected)
    {
        var answer = await Runner().RunAsync("Reader A", new FakeServerCallContext(), end, (session, token) => session.Channel.Transmit(Select, token).StatusWord);

        Assert.Equal(StatusWord.Success, answer);
        Assert.Equal([expected], _api.TransactionEnds);
    }

    [Fact]
    public async Task A_failing_call_that_sent_a_pin_still_resets_the_card()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Runner().RunAsync<int>("Reader A", new FakeServerCallContext(), CardCallEnd.ResetCard, (_, _) => throw new InvalidOperationException("card said no")));

        Assert.Equal([Disposition.ResetCard], _api.TransactionEnds);
    }

    [Fact]
    public async Task An_unknown_reader_is_refused_before_connecting()
    {
        await Assert.ThrowsAsync<ReaderNotFoundException>(() =>
            Runner().RunAsync("Reader Z", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(0, _api.Connects);
    }

    [Fact]
    public async Task A_reader_detached_after_use_fails_the_connect_as_unknown()
    {
        await Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0);
        _api.Readers = ["Reader B"];

        var failure = await Assert.ThrowsAsync<UnknownReaderException>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(Grpc.Core.StatusCode.NotFound, ErrorMapper.Map(failure).Code);
    }

    [Fact]
    public async Task A_card_that_does_not_answer_ends_at_the_default_timeout_and_keeps_the_reader_busy()
    {
        using var release = new ManualResetEventSlim();
        _api.Card = (reader, _) =>
        {
            if (reader == "Reader A")
            {
                release.Wait(TimeSpan.FromSeconds(20));
            }

            return [0x90, 0x00];
        };
        var runner = Runner(callTimeout: TimeSpan.FromMilliseconds(300), lockTimeout: TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<CallDeadlineExceededException>(() =>
            runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token)));
        await Assert.ThrowsAsync<ReaderBusyException>(() =>
            runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token)));
        var other = await runner.RunAsync("Reader B", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        Assert.True(other.IsSuccess);

        release.Set();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var again = await runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
                Assert.True(again.IsSuccess);
                break;
            }
            catch (ReaderBusyException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    [Fact]
    public async Task A_client_deadline_sooner_than_the_default_wins()
    {
        using var release = new ManualResetEventSlim();
        _api.Card = (_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(20));
            return [0x90, 0x00];
        };
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<CallDeadlineExceededException>(() =>
            Runner(callTimeout: TimeSpan.FromSeconds(30)).RunAsync(
                "Reader A",
                new FakeServerCallContext(deadline: DateTime.UtcNow.AddMilliseconds(200)),
                CardCallEnd.LeaveCard,
                (session, token) => session.Channel.Transmit(Select, token)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        release.Set();
    }

    [Fact]
    public async Task A_deadline_already_passed_never_touches_pcsc()
    {
        await Assert.ThrowsAsync<CallDeadlineExceededException>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(deadline: DateTime.UtcNow.AddSeconds(-1)), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(0, _api.Connects);
    }

    private CardCallRunner Runner(TimeSpan? callTimeout = null, TimeSpan? lockTimeout = null) => new(
        _api,
        _locks,
        _contexts,
        Options.Create(new OnshiDeviceOptions
        {
            DefaultCallTimeout = callTimeout ?? TimeSpan.FromSeconds(10),
            ReaderLockTimeout = lockTimeout ?? TimeSpan.FromSeconds(5),
        }),
        NullLogger<CardCallRunner>.Instance);
}
