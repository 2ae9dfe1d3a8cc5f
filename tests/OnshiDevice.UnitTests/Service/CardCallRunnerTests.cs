using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.Service;
using OnshiDevice.Service.Cards;
using OnshiDevice.Service.Errors;
using OnshiDevice.Simulators.PcSc;
using OnshiDevice.UnitTests.PcSc;

namespace OnshiDevice.UnitTests.Service;

public sealed class CardCallRunnerTests : IDisposable
{
    private static readonly CommandApdu Select = new(0x00, 0xA4, 0x04, 0x0C, new byte[] { 0xD3, 0x92 });

    private readonly SimulatedPcscApi _api = new();
    private readonly AnsweringCard _cardA = new([0x3B, 0x00]);
    private readonly AnsweringCard _cardB = new([0x3B, 0x00]);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ReaderLocks _locks;
    private readonly ReaderContexts _contexts;

    public CardCallRunnerTests()
    {
        _api.AddReader("Reader A").Insert(_cardA);
        _api.AddReader("Reader B").Insert(_cardB);
        _locks = new ReaderLocks(_time);
        _contexts = new ReaderContexts(_api);
    }

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

        var afterThreeCalls = _api.Calls.ContextsEstablished;
        _api.StopService();
        _api.StartService();
        var answer = await runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token).StatusWord);

        Assert.Equal(StatusWord.Success, answer);
        Assert.Equal(2, afterThreeCalls); // one to check the new reader name exists, one for the calls
        Assert.Equal(3, _api.Calls.ContextsEstablished);
    }

    [Theory]
    [InlineData(CardCallEnd.LeaveCard, Disposition.LeaveCard)]
    [InlineData(CardCallEnd.ResetCard, Disposition.ResetCard)]
    public async Task The_transaction_ends_as_the_call_asks(CardCallEnd end, Disposition expected)
    {
        var answer = await Runner().RunAsync("Reader A", new FakeServerCallContext(), end, (session, token) => session.Channel.Transmit(Select, token).StatusWord);

        Assert.Equal(StatusWord.Success, answer);
        Assert.Equal([$"EndTransaction {expected}"], TransactionEnds());
    }

    [Fact]
    public async Task A_failing_call_that_sent_a_pin_still_resets_the_card()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Runner().RunAsync<int>("Reader A", new FakeServerCallContext(), CardCallEnd.ResetCard, (_, _) => throw new InvalidOperationException("card said no")));

        Assert.Equal([$"EndTransaction {Disposition.ResetCard}"], TransactionEnds());
    }

    [Fact]
    public async Task An_unknown_reader_is_refused_before_connecting()
    {
        await Assert.ThrowsAsync<ReaderNotFoundException>(() =>
            Runner().RunAsync("Reader Z", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(0, _api.Calls.Connects);
    }

    [Fact]
    public async Task A_reader_detached_after_use_fails_the_connect_as_unknown()
    {
        await Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0);
        _api.RemoveReader("Reader A");

        var failure = await Assert.ThrowsAsync<UnknownReaderException>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(Grpc.Core.StatusCode.NotFound, ErrorMapper.Map(failure).Code);
    }

    [Fact]
    public async Task A_card_that_does_not_answer_ends_at_the_default_timeout_and_keeps_the_reader_busy()
    {
        using var release = new ManualResetEventSlim();
        var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cardA.Answer = _ =>
        {
            answering.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(20));
            return [0x90, 0x00];
        };
        var runner = Runner(callTimeout: TimeSpan.FromSeconds(3), lockTimeout: TimeSpan.FromSeconds(2));

        var stuck = runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        await answering.Task;
        _time.Advance(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<CallDeadlineExceededException>(() => stuck);

        var waiting = runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<ReaderBusyException>(() => waiting);
        var other = await runner.RunAsync("Reader B", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        Assert.True(other.IsSuccess);

        // Once the card answers, the stuck worker gives the reader back: the next call waits for it and runs.
        var next = runner.RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token));
        release.Set();
        Assert.True((await next).IsSuccess);
    }

    [Fact]
    public async Task A_client_deadline_sooner_than_the_default_wins()
    {
        using var release = new ManualResetEventSlim();
        var answering = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cardA.Answer = _ =>
        {
            answering.TrySetResult();
            release.Wait(TimeSpan.FromSeconds(20));
            return [0x90, 0x00];
        };

        var call = Runner(callTimeout: TimeSpan.FromSeconds(30)).RunAsync(
            "Reader A",
            new FakeServerCallContext(deadline: _time.GetUtcNow().UtcDateTime.AddSeconds(2)),
            CardCallEnd.LeaveCard,
            (session, token) => session.Channel.Transmit(Select, token));
        await answering.Task;
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<CallDeadlineExceededException>(() => call);
        release.Set();
    }

    [Fact]
    public async Task A_deadline_already_passed_never_touches_pcsc()
    {
        await Assert.ThrowsAsync<CallDeadlineExceededException>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(deadline: _time.GetUtcNow().UtcDateTime.AddSeconds(-1)), CardCallEnd.LeaveCard, (_, _) => 0));

        Assert.Equal(0, _api.Calls.Connects);
    }

    [Theory]
    [InlineData(PcscErrorCode.RemovedCard)]
    [InlineData(PcscErrorCode.NoSmartcard)]
    [InlineData(PcscErrorCode.CommError)]
    [InlineData(PcscErrorCode.NotTransacted)]
    [InlineData(PcscErrorCode.ResetCard)]
    [InlineData(PcscErrorCode.UnresponsiveCard)]
    public async Task A_card_gone_during_the_call_is_CARD_REMOVED_whatever_the_transmit_returned(PcscErrorCode transmitFailure)
    {
        await Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0);
        _api.Faults.TransmitFailure = transmitFailure;
        _api.Faults.StatusResults.Enqueue(transmitFailure == PcscErrorCode.NoSmartcard ? PcscErrorCode.NoSmartcard : PcscErrorCode.RemovedCard);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token)));

        Assert.Equal(ErrorReasons.CardRemoved, ErrorMapper.Map(failure).Reason);
    }

    [Fact]
    public async Task An_answer_cut_short_by_a_removal_is_CARD_REMOVED()
    {
        _cardA.Answer = _ => [0x90];
        _api.Faults.StatusResults.Enqueue(PcscErrorCode.RemovedCard);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token)));

        Assert.Equal(ErrorReasons.CardRemoved, ErrorMapper.Map(failure).Reason);
    }

    [Fact]
    public async Task A_card_still_there_after_a_malformed_answer_is_CARD_ERROR()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Runner().RunAsync<int>("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => throw new MalformedResponseException("short")));

        Assert.Equal(ErrorReasons.CardError, ErrorMapper.Map(failure).Reason);
    }

    [Theory]
    [InlineData(PcscErrorCode.CommError)]
    [InlineData(PcscErrorCode.NoMemory)]
    [InlineData(PcscErrorCode.NoService)]
    public async Task PCSC_refusing_a_context_is_PCSC_UNAVAILABLE_never_CARD_ERROR(PcscErrorCode refusal)
    {
        _api.Faults.EstablishRefusal = refusal;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            Runner().RunAsync("Reader A", new FakeServerCallContext(), CardCallEnd.LeaveCard, (_, _) => 0));

        var mapped = ErrorMapper.Map(failure);
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, mapped.Code);
        Assert.Equal(ErrorReasons.PcscUnavailable, mapped.Reason);
    }

    private IReadOnlyList<string> TransactionEnds() => [.. _api.Calls.CardCalls.Where(call => call.StartsWith("EndTransaction ", StringComparison.Ordinal))];

    [Fact]
    public async Task A_service_call_waits_for_a_card_that_arrives_after_it_began()
    {
        var reader = _api.AddReader("Reader C");
        var runner = ServiceRunner();
        var runs = 0;

        var call = runner.RunForServiceAsync("Reader C", TimeSpan.FromSeconds(5), CardCallEnd.LeaveCard, (session, token) =>
        {
            runs++;
            return session.Channel.Transmit(Select, token).StatusWord;
        }, CancellationToken.None);
        await Task.Delay(150);
        reader.Insert(new AnsweringCard([0x3B, 0x00]));

        Assert.Equal(StatusWord.Success, await call);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_service_call_without_a_card_ends_as_removed_once_its_wait_is_over_and_never_runs_the_work()
    {
        _api.AddReader("Reader C");
        var runs = 0;

        await Assert.ThrowsAsync<CardRemovedException>(() => ServiceRunner().RunForServiceAsync("Reader C", TimeSpan.FromMilliseconds(100), CardCallEnd.LeaveCard, (_, _) => ++runs, CancellationToken.None));

        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task A_service_call_is_bounded_by_its_token_alone_and_ends_as_cancelled()
    {
        _api.AddReader("Reader C");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ServiceRunner().RunForServiceAsync("Reader C", TimeSpan.FromMinutes(1), CardCallEnd.LeaveCard, (_, _) => 0, deadline.Token));
    }

    [Fact]
    public async Task A_service_call_waits_for_the_readers_lock_as_long_as_its_token_allows()
    {
        var runner = ServiceRunner(lockTimeout: TimeSpan.Zero);
        using var release = new SemaphoreSlim(0);
        var holding = runner.RunForServiceAsync("Reader A", TimeSpan.Zero, CardCallEnd.LeaveCard, (_, _) => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);
        await Task.Delay(50);

        var waiting = runner.RunForServiceAsync("Reader A", TimeSpan.Zero, CardCallEnd.LeaveCard, (session, token) => session.Channel.Transmit(Select, token).StatusWord, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        release.Release();

        Assert.True(await holding);
        Assert.Equal(StatusWord.Success, await waiting);
    }

    /// <summary>A runner on the system clock: a service call's wait for a card is real time.</summary>
    private CardCallRunner ServiceRunner(TimeSpan? lockTimeout = null) => new(
        _api,
        _locks,
        _contexts,
        Options.Create(new OnshiDeviceOptions { ReaderLockTimeout = lockTimeout ?? TimeSpan.FromSeconds(5) }),
        NullLogger<CardCallRunner>.Instance,
        TimeProvider.System);

    private CardCallRunner Runner(TimeSpan? callTimeout = null, TimeSpan? lockTimeout = null) => new(
        _api,
        _locks,
        _contexts,
        Options.Create(new OnshiDeviceOptions
        {
            DefaultCallTimeout = callTimeout ?? TimeSpan.FromSeconds(10),
            ReaderLockTimeout = lockTimeout ?? TimeSpan.FromSeconds(5),
        }),
        NullLogger<CardCallRunner>.Instance,
        _time);
}
