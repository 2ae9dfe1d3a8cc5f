using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OnshiDevice.FaceAuth.Protocol;

namespace OnshiDevice.FaceAuth.Link;

/// <summary>
/// One connection over a byte stream, the same on the host and the reader (docs/FACE-READER-PROTOCOL.md §7): frames in
/// through a <see cref="FrameParser"/>, every frame but Ack/Nack/Heartbeat acknowledged, duplicates (a retransmission
/// whose Ack was lost) acknowledged again but delivered once, one acknowledged frame in flight at a time, sent again
/// when its Ack is late, heartbeats out and silence watched. The link ends, once, when the stream ends or fails, a write
/// stalls, or the peer is silent; <see cref="Completion"/> then gives the reason. The owner disposes the stream.
/// </summary>
internal sealed partial class FrameLink : IAsyncDisposable
{
    private const int ReadBufferLength = 4096;

    private readonly Stream _stream;
    private readonly IFrameReceiver _receiver;
    private readonly FaceReaderLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FrameParser _parser;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<WireMessage> _repliesToSend = [];
    private readonly object _pendingGate = new();
    private TaskCompletionSource<byte?>? _pendingAck;
    private byte _pendingSequence;
    private byte _nextSequence;
    private int _lastDeliveredSequence = -1;
    private long _lastHeard;
    private Task _readLoop = Task.CompletedTask;
    private Task _heartbeatLoop = Task.CompletedTask;

    public FrameLink(Stream stream, IFrameReceiver receiver, FaceReaderLinkOptions options, TimeProvider time, ILogger logger)
    {
        _stream = stream;
        _receiver = receiver;
        _options = options;
        _time = time;
        _logger = logger;
        _parser = new FrameParser(OnFrame, OnDiscard);
    }

    /// <summary>Completes with the reason the link ended; never faults.</summary>
    public Task<string> Completion => _completion.Task;

    public bool IsOpen => !_completion.Task.IsCompleted;

    /// <summary>Frames dropped by the parser (noise, CRC errors, cuts), for diagnostics.</summary>
    public int DiscardedFrames { get; private set; }

    public void Start()
    {
        _lastHeard = _time.GetTimestamp();
        _readLoop = Task.Run(ReadLoopAsync);
        _heartbeatLoop = Task.Run(HeartbeatLoopAsync);
    }

    /// <summary>
    /// Sends <paramref name="message"/> and waits for its Ack, sending it again (same sequence number) when the Ack is
    /// late, up to <see cref="FaceReaderLinkOptions.Retransmissions"/> times. Throws <see cref="FrameLinkException"/> on
    /// a Nack, no Ack, or the link's end; <paramref name="cancellationToken"/> stops the wait at once.
    /// </summary>
    public async Task SendAsync(WireMessage message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[]? frame = null;
        try
        {
            ThrowIfClosed();
            TaskCompletionSource<byte?> ack;
            lock (_pendingGate)
            {
                _pendingSequence = _nextSequence++;
                ack = new TaskCompletionSource<byte?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pendingAck = ack;
            }

            frame = FrameEncoder.Encode(_pendingSequence, message.Type, message.Payload);
            for (var attempt = 0; attempt <= _options.Retransmissions; attempt++)
            {
                await WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                var answered = await WaitAsync(ack.Task, _options.AckTimeout, cancellationToken).ConfigureAwait(false);
                if (answered)
                {
                    var refusal = await ack.Task.ConfigureAwait(false);
                    if (refusal is { } reason)
                    {
                        throw new FrameLinkException($"The peer refused {message.Type} (reason {reason}).", reason);
                    }

                    return;
                }

                ThrowIfClosed();
            }

            throw new FrameLinkException($"{message.Type} was not acknowledged after {_options.Retransmissions + 1} transmissions.");
        }
        finally
        {
            lock (_pendingGate)
            {
                _pendingAck = null;
            }

            if (frame is not null)
            {
                CryptographicOperations.ZeroMemory(frame);
            }

            _sendLock.Release();
        }
    }

    /// <summary>Writes bytes that are not a frame, between frames (the simulator's garbage on the line).</summary>
    public Task WriteRawAsync(byte[] bytes, CancellationToken cancellationToken) => WriteAsync(bytes, cancellationToken);

    /// <summary>Ends the link with <paramref name="reason"/> (the first reason wins) and stops its loops.</summary>
    public void Close(string reason)
    {
        if (_completion.TrySetResult(reason))
        {
            _stop.Cancel();
            lock (_pendingGate)
            {
                _pendingAck?.TrySetException(new FrameLinkException($"The link ended: {reason}."));
            }
        }
    }

    /// <summary>
    /// Ends the link and waits for its loops. A read that ignores its token ends when the owner disposes the stream, so
    /// owners dispose the stream first; the wait is bounded either way.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Close("closed by this side");
        try
        {
            await Task.WhenAll(_readLoop, _heartbeatLoop).WaitAsync(_options.WriteTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A loop stuck in the port's own code; it ends with the stream.
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[ReadBufferLength];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    Close("the port closed");
                    return;
                }

                Interlocked.Exchange(ref _lastHeard, _time.GetTimestamp());
                _parser.Feed(buffer.AsSpan(0, read));
                CryptographicOperations.ZeroMemory(buffer.AsSpan(0, read));
                await FlushRepliesAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException)
        {
            Close($"the port failed ({e.GetType().Name})");
        }
    }

    /// <summary>Silence is checked on a timer of its own, before each heartbeat is written, so a stuck write cannot hide it.</summary>
    private async Task HeartbeatLoopAsync()
    {
        var heartbeat = FrameEncoder.Encode(0, MessageType.Heartbeat, []);
        var silenceLimit = _options.HeartbeatInterval * _options.SilentIntervalsToLoss;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_time.GetElapsedTime(Interlocked.Read(ref _lastHeard)) > silenceLimit)
                {
                    Close($"no frame for {_options.SilentIntervalsToLoss} heartbeat intervals");
                    return;
                }

                var written = WriteAsync(heartbeat, _stop.Token);
                await Task.WhenAll(written, Task.Delay(_options.HeartbeatInterval, _time, _stop.Token)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (FrameLinkException)
        {
            // WriteAsync closed the link already.
        }
    }

    private void OnFrame(byte sequence, byte type, ReadOnlySpan<byte> payload)
    {
        switch ((MessageType)type)
        {
            case MessageType.Heartbeat:
                return;
            case MessageType.Ack:
            case MessageType.Nack:
                OnAcknowledgement((MessageType)type, payload);
                return;
        }

        if ((MessageType)type == MessageType.Hello)
        {
            // A Hello starts the peer afresh (a restarted host counts from 0 again); it is never taken for a duplicate.
            _lastDeliveredSequence = -1;
        }

        if (sequence == _lastDeliveredSequence)
        {
            _repliesToSend.Add(LinkCodec.Ack(sequence));
            return;
        }

        NackReason? refusal;
        try
        {
            refusal = _receiver.Receive(type, payload);
        }
        catch (MalformedPayloadException e)
        {
            LogMalformed(_logger, type, e.Message);
            refusal = NackReason.MalformedPayload;
        }

        if (refusal is { } reason)
        {
            _repliesToSend.Add(LinkCodec.Nack(sequence, reason));
            return;
        }

        _lastDeliveredSequence = sequence;
        _repliesToSend.Add(LinkCodec.Ack(sequence));
    }

    private void OnAcknowledgement(MessageType type, ReadOnlySpan<byte> payload)
    {
        byte sequence;
        byte? refusal = null;
        try
        {
            if (type == MessageType.Ack)
            {
                sequence = LinkCodec.ReadAck(payload);
            }
            else
            {
                (sequence, var reason) = LinkCodec.ReadNack(payload);
                refusal = reason;
            }
        }
        catch (MalformedPayloadException e)
        {
            LogMalformed(_logger, (byte)type, e.Message);
            return;
        }

        lock (_pendingGate)
        {
            // An Ack for an earlier transmission (a late one) is not this frame's.
            if (_pendingAck is not null && sequence == _pendingSequence)
            {
                _pendingAck.TrySetResult(refusal);
            }
        }
    }

    private void OnDiscard(FrameDiscard reason)
    {
        DiscardedFrames++;
        LogDiscarded(_logger, reason);
    }

    private async Task FlushRepliesAsync()
    {
        if (_repliesToSend.Count == 0)
        {
            return;
        }

        var replies = _repliesToSend.ToArray();
        _repliesToSend.Clear();
        foreach (var reply in replies)
        {
            await WriteAsync(FrameEncoder.Encode(0, reply.Type, reply.Payload), _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes one frame whole, under the write timeout: a port that stops taking bytes (and a serial stream that ignores
    /// its token while it does) ends the link instead of holding the lock, and with it every later write, forever.
    /// </summary>
    private async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        stalled.CancelAfter(_options.WriteTimeout);
        try
        {
            await _writeLock.WaitAsync(stalled.Token).ConfigureAwait(false);
            try
            {
                await _stream.WriteAsync(frame, stalled.Token).AsTask().WaitAsync(stalled.Token).ConfigureAwait(false);
                await _stream.FlushAsync(stalled.Token).WaitAsync(stalled.Token).ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            Close($"a write did not finish in {_options.WriteTimeout.TotalMilliseconds:0} ms");
            throw new FrameLinkException("The link ended: the peer stopped reading.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FrameLinkException($"The link ended: {_completion.Task.Result}.");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException)
        {
            Close($"the port failed ({e.GetType().Name})");
            throw new FrameLinkException("The link ended: the port failed.");
        }
    }

    private async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, _time, timer.Token);
        var first = await Task.WhenAny(task, delay).ConfigureAwait(false);
        timer.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        return first == task;
    }

    private void ThrowIfClosed()
    {
        if (_completion.Task.IsCompleted)
        {
            throw new FrameLinkException($"The link ended: {_completion.Task.Result}.");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Face reader link dropped a frame: {Reason}")]
    private static partial void LogDiscarded(ILogger logger, FrameDiscard reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face reader link refused a malformed frame of type 0x{Type:X2}: {Problem}")]
    private static partial void LogMalformed(ILogger logger, byte type, string problem);
}
