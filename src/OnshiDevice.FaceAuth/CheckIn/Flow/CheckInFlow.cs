using System.Threading.Channels;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// The check-ins of one face-auth reader, one after another: one loop reads one input channel, into which both the
/// reader's events and staff commands go, so no two things ever race over a check-in's state. A CardPlaced starts a
/// check-in; everything else while idle is dropped (its secret wiped). The flow reports on <see cref="Events"/>, which
/// has one consumer (the service fans it out).
/// </summary>
public sealed class CheckInFlow
{
    private readonly IFaceAuthReader _reader;
    private readonly ICheckInCard _card;
    private readonly CheckInOptions _options;
    private readonly TimeProvider _time;
    private readonly FaceAuthLockout _lockout;
    private readonly CheckInInputs _inputs = new();
    private readonly Channel<CheckInEvent> _events = Channel.CreateUnbounded<CheckInEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private int _started;

    /// <param name="lockout">The process's one face-lockout table, shared by every reader's flow.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is outside its bounds.</exception>
    public CheckInFlow(IFaceAuthReader reader, ICheckInCard card, CheckInOptions options, FaceAuthLockout lockout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lockout);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        _reader = reader;
        _card = card;
        _options = options;
        _lockout = lockout;
        _time = time;
    }

    /// <summary>The check-in events, in order; completed when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<CheckInEvent> Events => _events.Reader;

    /// <summary>
    /// Hands a staff command to the loop; it acts on it in turn, or drops it when the check-in's state does not take it.
    /// False once the flow has stopped; the flow has then wiped the command's secret all the same.
    /// </summary>
    public bool Post(StaffCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_inputs.TryWrite(FlowInput.From(command)))
        {
            return true;
        }

        command.DisposeSecret();
        return false;
    }

    /// <summary>
    /// Runs the reader's check-ins until <paramref name="stoppingToken"/> fires (a check-in then in progress ends as
    /// cancelled by the service) or the reader's events end. Call once.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A check-in flow runs once.");
        }

        using var stopPump = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var pump = PumpReaderEventsAsync(stopPump.Token);
        try
        {
            await ShowIdleAsync();
            while (await _inputs.ReadAsync(stoppingToken) is { } input)
            {
                if (input.ReaderEvent is CardPlaced)
                {
                    await new CheckInRun(_reader, _card, _options, _time, _lockout, _inputs, _events.Writer).RunAsync(stoppingToken);
                }
                else
                {
                    input.DisposeSecret();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping between check-ins.
        }
        finally
        {
            await stopPump.CancelAsync();
            await pump;
            _inputs.Complete();
            _inputs.DropAll();
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Copies the reader's events into the one input; when they end, the link is lost and the inputs complete.</summary>
    private async Task PumpReaderEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var readerEvent in _reader.Events.ReadAllAsync(cancellationToken))
            {
                var input = FlowInput.From(readerEvent);
                if (!_inputs.TryWrite(input))
                {
                    input.DisposeSecret();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reader completed its events with an error: the same as their end.
        }

        _inputs.TryWrite(FlowInput.From(new LinkLost("The reader's events ended.")));
        _inputs.Complete();
    }

    private async Task ShowIdleAsync()
    {
        using var deadline = new CancellationTokenSource(_options.ReaderCommandDeadline, _time);
        try
        {
            await _reader.SendAsync(new ShowIdle(), deadline.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or FaceReaderException)
        {
            // A reader not there yet shows idle after its handshake anyway.
        }
    }
}
