using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.Cards;

/// <summary>What a card call does with the card when its transaction ends.</summary>
public enum CardCallEnd
{
    /// <summary>Nothing was verified: leave the card as it is.</summary>
    LeaveCard,

    /// <summary>A PIN was (or may have been) verified: reset the card so no verified state outlives the call.</summary>
    ResetCard,
}

/// <summary>
/// Runs one RPC's card work as one card transaction, bounded by the call's deadline.
/// <para>
/// The deadline is the client's or <see cref="OnshiDeviceOptions.DefaultCallTimeout"/>, whichever
/// comes first. PC/SC calls block, so the work runs on the thread pool and the RPC waits for it
/// with that deadline: a stuck card ends the call with DEADLINE_EXCEEDED instead of hanging it. The
/// stuck worker keeps the reader's lock until PC/SC returns, so the next call on that reader gets
/// READER_BUSY rather than sending a second command into a card that has not answered the first.
/// </para>
/// </summary>
public sealed partial class CardCallRunner
{
    private readonly IPcscApi _api;
    private readonly ReaderLocks _locks;
    private readonly ReaderContexts _contexts;
    private readonly OnshiDeviceOptions _options;
    private readonly ILogger<CardCallRunner> _logger;
    private readonly TimeProvider _timeProvider;

    public CardCallRunner(IPcscApi api, ReaderLocks locks, ReaderContexts contexts, IOptions<OnshiDeviceOptions> options, ILogger<CardCallRunner> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _api = api;
        _locks = locks;
        _contexts = contexts;
        _options = options.Value;
        _logger = logger;
    }

    public Task<T> RunAsync<T>(string readerName, ServerCallContext context, CardCallEnd end, Func<CardSession, CancellationToken, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var timeout = TimeLeft(context);
        if (timeout <= TimeSpan.Zero)
        {
            throw new CallDeadlineExceededException("The call's deadline passed before the card was touched.");
        }

        // Timed by the service's clock (TimeProvider), so deadline tests need no wall clock.
        var deadline = new CancellationTokenSource(timeout, _timeProvider);
        var call = new CallBounds(
            deadline,
            timeout < _options.ReaderLockTimeout ? timeout : _options.ReaderLockTimeout,
            context.CancellationToken,
            () => CallCancellation.IsClientCancellation(context),
            CardArrival: TimeSpan.Zero);
        return RunBoundedAsync(readerName, call, end, work);
    }

    /// <summary>
    /// Card work of the service's own (a check-in's card call on a face reader's card slot), under the same reader lock
    /// as the RPCs, so a check-in and a Cards call never interleave on one card. <paramref name="cancellationToken"/> is
    /// the caller's deadline and the only bound: the call waits for the reader's lock and, up to
    /// <paramref name="cardArrival"/>, for the card to be there (a face reader reports a card placed before PC/SC may have
    /// seen it). Only the connect waits: work that has started is never run twice. The deadline surfaces as
    /// <see cref="OperationCanceledException"/>, the caller's own.
    /// </summary>
    public Task<T> RunForServiceAsync<T>(string readerName, TimeSpan cardArrival, CardCallEnd end, Func<CardSession, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        var call = new CallBounds(
            CancellationTokenSource.CreateLinkedTokenSource(cancellationToken),
            Timeout.InfiniteTimeSpan,
            cancellationToken,
            static () => true,
            cardArrival);
        return RunBoundedAsync(readerName, call, end, work);
    }

    private async Task<T> RunBoundedAsync<T>(string readerName, CallBounds call, CardCallEnd end, Func<CardSession, CancellationToken, T> work)
    {
        // Disposed by the worker, not here: a worker still stuck in PC/SC after the deadline reads its token.
        var deadline = call.Deadline;
        var clientGone = call.Cancelled.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
        var handedToWorker = false;
        try
        {
            // A name never seen is checked against PC/SC first, so the lock table holds only real readers.
            // A known reader goes straight to its lock: a call stuck on that reader must not delay the
            // READER_BUSY answer, and a reader detached since then fails the connect with READER_NOT_FOUND.
            if (!_locks.IsKnown(readerName))
            {
                await RunBoundedAsync(() => EnsureReaderExists(readerName), call, deadline.Token).ConfigureAwait(false);
            }

            bool acquired;
            try
            {
                acquired = await _locks.TryAcquireAsync(readerName, call.LockTimeout, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!call.Cancelled.IsCancellationRequested)
            {
                acquired = false;
            }

            if (!acquired)
            {
                LogReaderBusy(readerName);
                throw new ReaderBusyException("Another call is using the reader; try again when it has finished.");
            }

            var token = deadline.Token;
            var worker = Task.Run(
                () =>
                {
                    try
                    {
                        return InTransaction(readerName, call.CardArrival, end, work, token);
                    }
                    finally
                    {
                        _locks.Release(readerName);
                    }
                },
                CancellationToken.None);
            handedToWorker = true;
            _ = worker.ContinueWith(
                finished =>
                {
                    clientGone.Dispose();
                    deadline.Dispose();
                    if (finished.IsFaulted && token.IsCancellationRequested)
                    {
                        LogLateWorkerFailed(finished.Exception!.GetBaseException().GetType().Name, readerName);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

            // The token, not the source: the worker's continuation may dispose the source before this line runs.
            return await AwaitBounded(worker, call, token).ConfigureAwait(false);
        }
        finally
        {
            if (!handedToWorker)
            {
                clientGone.Dispose();
                deadline.Dispose();
            }
        }
    }

    private TimeSpan TimeLeft(ServerCallContext context)
    {
        var timeout = _options.DefaultCallTimeout;
        if (context.Deadline != DateTime.MaxValue)
        {
            var clientLeft = context.Deadline.ToUniversalTime() - _timeProvider.GetUtcNow().UtcDateTime;
            if (clientLeft < timeout)
            {
                timeout = clientLeft;
            }
        }

        return timeout;
    }

    private static Task RunBoundedAsync(Action action, CallBounds call, CancellationToken deadline) =>
        AwaitBounded(
            Task.Run(
                () =>
                {
                    action();
                    return true;
                },
                CancellationToken.None),
            call,
            deadline);

    private static async Task<T> AwaitBounded<T>(Task<T> task, CallBounds call, CancellationToken deadline)
    {
        try
        {
            return await task.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            if (call.IsClientCancellation())
            {
                throw;
            }

            throw new CallDeadlineExceededException("The card did not answer before the call's deadline.");
        }
    }

    private void EnsureReaderExists(string readerName)
    {
        using var pcsc = PcscContext.Establish(_api);
        var readers = pcsc.GetReaders();
        if (!readers.Contains(readerName, StringComparer.Ordinal))
        {
            // Not the name: the message ends up in the trailers, which a long name could overflow.
            throw new ReaderNotFoundException("There is no reader of that name; list the readers again.") { Readers = readers };
        }
    }

    private T InTransaction<T>(string readerName, TimeSpan cardArrival, CardCallEnd end, Func<CardSession, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Connect(readerName, cardArrival, cancellationToken);
        try
        {
            return InTransaction(connection, readerName, end, work, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            if (CardLoss.Explain(failure, connection) is { } removed)
            {
                throw removed;
            }

            throw;
        }
    }

    /// <summary>Connects to the reader's card, waiting up to <paramref name="cardArrival"/> for one to be there.</summary>
    private CardConnection Connect(string readerName, TimeSpan cardArrival, CancellationToken cancellationToken)
    {
        var until = _timeProvider.GetTimestamp() + (long)(cardArrival.TotalSeconds * _timeProvider.TimestampFrequency);
        while (true)
        {
            try
            {
                return _contexts.Connect(readerName);
            }
            catch (CardRemovedException) when (_timeProvider.GetTimestamp() < until)
            {
                // pcsc-lite polls its readers; a card the face reader reported may not be seen yet.
                cancellationToken.WaitHandle.WaitOne(CardArrivalPoll);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private T InTransaction<T>(CardConnection connection, string readerName, CardCallEnd end, Func<CardSession, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        var disposition = end == CardCallEnd.ResetCard ? Disposition.ResetCard : Disposition.LeaveCard;
        using var transaction = connection.BeginTransaction();
        T result;
        var channel = ApduChannels.Over(connection);
        try
        {
            result = work(new CardSession(connection, channel), cancellationToken);
        }
        catch (UnsupportedCardException unsupported) when (unsupported.Found is null)
        {
            // Name the card that is there (by AID, in the same transaction), so the caller can tell the user.
            var found = IdentifyQuietly(channel, cancellationToken);
            EndQuietly(transaction, connection, disposition, readerName);
            throw unsupported.WithFound(found);
        }
        catch
        {
            EndQuietly(transaction, connection, disposition, readerName);
            throw;
        }

        EndQuietly(transaction, connection, disposition, readerName);
        return result;
    }

    private static CardType IdentifyQuietly(IApduChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            return CardIdentifier.Identify(channel, cancellationToken).Type;
        }
        catch (Exception failed) when (failed is PcscException or Iso7816Exception or CardException)
        {
            return CardType.Unknown;
        }
    }

    private void EndQuietly(CardTransaction transaction, CardConnection connection, Disposition disposition, string readerName)
    {
        try
        {
            transaction.End(disposition);
        }
        catch (PcscException endFailed)
        {
            // The card is usually gone; when a reset was wanted, make sure the handle goes with one.
            LogEndFailed(endFailed.ErrorCode, readerName);
            if (disposition == Disposition.ResetCard)
            {
                try
                {
                    connection.Disconnect(Disposition.ResetCard);
                }
                catch (PcscException)
                {
                    // Nothing left to reset.
                }
            }
        }
    }

    /// <summary>How often a service call waiting for a card to arrive tries to connect again.</summary>
    private static readonly TimeSpan CardArrivalPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// What bounds one call: its deadline (cancelled by <see cref="Cancelled"/> too), how long it may wait for the reader's
    /// lock, whether a cancellation is the client's own rather than the deadline, and how long the connect waits for a card.
    /// </summary>
    private sealed record CallBounds(CancellationTokenSource Deadline, TimeSpan LockTimeout, CancellationToken Cancelled, Func<bool> IsClientCancellation, TimeSpan CardArrival);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reader {Reader} stayed busy longer than the call could wait")]
    private partial void LogReaderBusy(string reader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card work on {Reader} ended with {ExceptionType} after its call had given up")]
    private partial void LogLateWorkerFailed(string exceptionType, string reader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ending the card transaction on {Reader} failed with {ErrorCode}")]
    private partial void LogEndFailed(PcscErrorCode errorCode, string reader);
}
