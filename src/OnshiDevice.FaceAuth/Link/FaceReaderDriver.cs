using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.Link;

/// <summary>
/// The host's end of the project's reader protocol (docs/FACE-READER-PROTOCOL.md) over an <see cref="IFaceReaderPort"/>:
/// opens the port, shakes hands, turns frames into <see cref="FaceReaderEvent"/>s, and when the link is lost (the port
/// fails or closes, the reader falls silent) says so with <see cref="LinkLost"/>, opens the port again with a growing
/// pause, and says <see cref="LinkRestored"/> after the next handshake. A keypad PIN is copied once from its frame into a
/// <see cref="Cards.Pins.SecretEntry"/>; the frame's bytes are wiped.
/// </summary>
public sealed partial class FaceReaderDriver : IFaceAuthReader, IFrameReceiver
{
    /// <summary>Events waiting for the flow; past this the oldest are dropped (and their secrets wiped) rather than the link stalling.</summary>
    private const int EventBacklog = 256;

    private readonly IFaceReaderPort _port;
    private readonly FaceReaderLinkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<FaceReaderEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _connectionLoop;
    private volatile FrameLink? _link;
    private volatile FaceReaderInfo? _info;
    private Handshake? _handshake;

    private FaceReaderDriver(IFaceReaderPort port, FaceReaderLinkOptions options, TimeProvider time, ILogger logger)
    {
        _port = port;
        _options = options.Validate();
        _time = time;
        _logger = logger;
        _events = Channel.CreateBounded<FaceReaderEvent>(
            new BoundedChannelOptions(EventBacklog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            DisposeDropped);
        _connectionLoop = Task.Run(ConnectionLoopAsync);
    }

    public FaceReaderInfo? Info => _info;

    public ChannelReader<FaceReaderEvent> Events => _events.Reader;

    /// <summary>The port's name, for logs and status.</summary>
    public string PortName => _port.Name;

    /// <summary>Starts connecting to the reader on <paramref name="port"/>; the driver keeps connecting until disposed.</summary>
    public static FaceReaderDriver Start(IFaceReaderPort port, FaceReaderLinkOptions options, TimeProvider time, ILogger logger) =>
        new(port, options, time, logger);

    public async Task SendAsync(FaceReaderCommand command, CancellationToken cancellationToken)
    {
        var message = CommandCodec.Encode(command);
        var link = _info is null ? null : _link;
        if (link is null)
        {
            throw new FaceReaderException(FaceReaderProblem.NotConnected, $"The face reader on {_port.Name} is not connected.");
        }

        try
        {
            await link.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (FrameLinkException e) when (e.Refusal is { } reason)
        {
            throw new FaceReaderException(FaceReaderProblem.Refused, $"The face reader refused {message.Type} ({DescribeRefusal(reason)}).", e);
        }
        catch (FrameLinkException e)
        {
            throw new FaceReaderException(FaceReaderProblem.NotConnected, $"The face reader on {_port.Name} did not take {message.Type}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _link?.Close("the driver stopped");
        await _connectionLoop.ConfigureAwait(false);
        _events.Writer.TryComplete();
        while (_events.Reader.TryRead(out var left))
        {
            DisposeDropped(left);
        }

        _stop.Dispose();
    }

    NackReason? IFrameReceiver.Receive(byte type, ReadOnlySpan<byte> payload)
    {
        var messageType = (MessageType)type;
        var handshake = _handshake;
        switch (messageType)
        {
            case MessageType.Welcome:
                handshake?.OnWelcome(LinkCodec.ReadWelcome(payload));
                return null;
            case MessageType.VersionRefused:
                var (min, max) = LinkCodec.ReadVersionRefused(payload);
                handshake?.Fail(new FaceReaderException(
                    FaceReaderProblem.UnsupportedVersion,
                    $"The face reader speaks protocol versions {min}-{max}; this host speaks {ProtocolLimits.MinVersion}-{ProtocolLimits.MaxVersion}."));
                return null;
            case MessageType.DeviceInfo:
                if (handshake?.OnDeviceInfo(LinkCodec.ReadDeviceInfo(payload)) is { } info)
                {
                    // Set here, in frame order, so an event right behind DeviceInfo is already taken and comes after LinkRestored.
                    _info = info;
                    _events.Writer.TryWrite(new LinkRestored(info));
                }

                return null;
        }

        if (_info is null)
        {
            // Events before the handshake is done would come before LinkRestored; the reader sends them again after it.
            return NackReason.NotNow;
        }

        var readerEvent = EventCodec.Decode(messageType, payload);
        if (readerEvent is null)
        {
            return NackReason.UnknownType;
        }

        _events.Writer.TryWrite(readerEvent);
        return null;
    }

    private async Task ConnectionLoopAsync()
    {
        var delay = _options.ReconnectDelay;
        var lastProblem = string.Empty;
        while (!_stop.IsCancellationRequested)
        {
            string? problem;
            try
            {
                problem = await ConnectOnceAsync().ConfigureAwait(false);
                if (problem is null)
                {
                    delay = _options.ReconnectDelay;
                    continue;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (problem != lastProblem)
            {
                LogCannotConnect(_logger, _port.Name, problem);
                lastProblem = problem;
            }

            try
            {
                await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>One connection from opening the port to its loss: null after a link that was up, or why it never came up.</summary>
    private async Task<string?> ConnectOnceAsync()
    {
        Stream stream;
        try
        {
            stream = await _port.OpenAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            return $"the port does not open ({e.GetType().Name})";
        }

        var link = new FrameLink(stream, this, _options, _time, _logger);
        try
        {
            return await RunLinkAsync(link).ConfigureAwait(false);
        }
        finally
        {
            // The stream first: a serial read that ignores its token ends only when the port closes.
            await stream.DisposeAsync().ConfigureAwait(false);
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<string?> RunLinkAsync(FrameLink link)
    {
        _handshake = new Handshake();
        _link = link;
        link.Start();
        try
        {
            var info = await ShakeHandsAsync(link).ConfigureAwait(false);
            LogConnected(_logger, _port.Name, info.Model, info.Firmware, info.ProtocolVersion);
        }
        catch (FaceReaderException e)
        {
            link.Close("handshake failed");
            return e.Message;
        }
        catch (FrameLinkException e)
        {
            return $"no handshake: {e.Message}";
        }
        finally
        {
            _handshake = null;
        }

        var reason = await link.Completion.ConfigureAwait(false);
        _info = null;
        _link = null;
        if (!_stop.IsCancellationRequested)
        {
            LogLinkLost(_logger, _port.Name, reason);
            _events.Writer.TryWrite(new LinkLost(reason));
        }

        return null;
    }

    private async Task<FaceReaderInfo> ShakeHandsAsync(FrameLink link)
    {
        var handshake = _handshake!;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(_options.HandshakeTimeout * 2);
        try
        {
            await link.SendAsync(LinkCodec.Hello(ProtocolLimits.MinVersion, ProtocolLimits.MaxVersion), deadline.Token).ConfigureAwait(false);
            await handshake.Welcomed.WaitAsync(_options.HandshakeTimeout, _time, deadline.Token).ConfigureAwait(false);
            await link.SendAsync(WireMessage.Empty(MessageType.GetDeviceInfo), deadline.Token).ConfigureAwait(false);
            return await handshake.Completed.WaitAsync(_options.HandshakeTimeout, _time, deadline.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new FaceReaderException(FaceReaderProblem.NotConnected, "the face reader did not answer the handshake");
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new FaceReaderException(FaceReaderProblem.NotConnected, "the face reader did not finish the handshake");
        }
    }

    private static string DescribeRefusal(byte reason) => Enum.IsDefined((NackReason)reason) ? ((NackReason)reason).ToString() : $"reason {reason}";

    private void DisposeDropped(FaceReaderEvent dropped)
    {
        switch (dropped)
        {
            case PinEntered pin:
                pin.Pin.Dispose();
                break;
            case CardFaceNumberRead number:
                number.Number.Dispose();
                break;
        }

        if (!_stop.IsCancellationRequested)
        {
            LogEventDropped(_logger, _port.Name, dropped.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Face reader on {Port} connected: {Model} firmware {Firmware}, protocol version {Version}")]
    private static partial void LogConnected(ILogger logger, string port, string model, string firmware, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face reader on {Port} lost: {Reason}; reconnecting")]
    private static partial void LogLinkLost(ILogger logger, string port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face reader on {Port} not connected: {Problem}; trying again")]
    private static partial void LogCannotConnect(ILogger logger, string port, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face reader on {Port}: event {Event} dropped, nobody read the backlog")]
    private static partial void LogEventDropped(ILogger logger, string port, string @event);

    /// <summary>One handshake's answers as they arrive on the read loop: Welcome (or VersionRefused), then DeviceInfo.</summary>
    private sealed class Handshake
    {
        private readonly TaskCompletionSource _welcomed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<FaceReaderInfo> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private (byte Version, FaceReaderCapabilities Capabilities)? _welcome;

        public Task Welcomed => _welcomed.Task;

        public Task<FaceReaderInfo> Completed => _completed.Task;

        public void OnWelcome((byte Version, FaceReaderCapabilities Capabilities) welcome)
        {
            if (welcome.Version is < ProtocolLimits.MinVersion or > ProtocolLimits.MaxVersion)
            {
                Fail(new FaceReaderException(FaceReaderProblem.UnsupportedVersion, $"The face reader chose protocol version {welcome.Version}, which it was not offered."));
                return;
            }

            _welcome = welcome;
            _welcomed.TrySetResult();
        }

        /// <summary>The reader's info once the handshake is complete; null for a DeviceInfo that comes before Welcome.</summary>
        public FaceReaderInfo? OnDeviceInfo((string Model, string Firmware, string SerialNumber) device)
        {
            if (_welcome is not { } welcome || _completed.Task.IsCompleted)
            {
                return null;
            }

            var info = new FaceReaderInfo(device.Model, device.Firmware, device.SerialNumber, welcome.Version, welcome.Capabilities);
            _completed.TrySetResult(info);
            return info;
        }

        public void Fail(FaceReaderException problem)
        {
            _welcomed.TrySetException(problem);
            _completed.TrySetException(problem);
        }
    }
}
