using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>
/// The reader's end of the project's protocol (docs/FACE-READER-PROTOCOL.md), for tests and QA: it answers the
/// handshake, acknowledges and records the host's commands, shows them as its screen and mode, answers a face capture
/// with the next queued camera result, and sends what the patient and staff do (place or remove the card, choose a
/// method, type a PIN, answer a consent, press a staff key, cancel). Faults on demand: garbage on the line, silence
/// (<see cref="Freeze"/>), a version the host does not speak (options), the cable pulled (<see cref="InProcessFaceReaderCable"/>).
/// </summary>
public sealed partial class VirtualFaceReader : IAsyncDisposable
{
    private readonly VirtualFaceReaderOptions _options;
    private readonly FaceReaderLinkOptions _linkOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<FaceCaptured> _faceResults = new();
    private readonly List<FaceReaderCommand> _commands = [];
    private readonly Channel<FaceReaderCommand> _commandFeed = Channel.CreateUnbounded<FaceReaderCommand>();
    private Connection? _connection;
    private TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public VirtualFaceReader(VirtualFaceReaderOptions? options = null, FaceReaderLinkOptions? linkOptions = null, TimeProvider? time = null, ILogger? logger = null)
    {
        _options = options ?? new VirtualFaceReaderOptions();
        _linkOptions = (linkOptions ?? new FaceReaderLinkOptions()).Validate();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public string SerialNumber => _options.SerialNumber;

    public FaceReaderCapabilities Capabilities => _options.Capabilities;

    /// <summary>The card slot's PC/SC reader, when the card should also appear there.</summary>
    public IFaceReaderCardSlot? CardSlot { get; set; }

    /// <summary>The last screen the host showed (idle, message, method choice, capture, consent, result).</summary>
    public FaceReaderCommand? Screen { get; private set; }

    public FaceReaderMode Mode { get; private set; } = FaceReaderMode.Automatic;

    /// <summary>The size of the reference photo of the last capture (the photo itself is wiped once compared).</summary>
    public int LastReferencePhotoLength { get; private set; }

    /// <summary>True after a host finished the handshake on the current connection.</summary>
    public bool IsConnected => _connection?.HandshakeDone == true;

    /// <summary>
    /// True (the default): a capture is answered at once with the next queued result. False: nothing answers it until
    /// someone sends <see cref="FaceCaptured"/> (a scenario's <c>face</c> step, which waits for the capture).
    /// </summary>
    public bool AnswersCapturesItself { get; set; } = true;

    /// <summary>When set, the reader sends nothing (no heartbeat, no Ack): a hung reader the host must notice by silence.</summary>
    public bool Frozen { get; private set; }

    /// <summary>Every command the host sent, in order.</summary>
    public IReadOnlyList<FaceReaderCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    public void Freeze() => Frozen = true;

    public void Thaw() => Frozen = false;

    /// <summary>The camera's next answer to a capture, before <see cref="VirtualFaceReaderOptions.DefaultFaceResult"/>.</summary>
    public void QueueFaceResult(FaceCaptureOutcome outcome, double score, bool live)
    {
        lock (_gate)
        {
            _faceResults.Enqueue(new FaceCaptured(outcome, score, live));
        }
    }

    /// <summary>Waits until a host has finished the handshake.</summary>
    public Task WaitConnectedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _connected.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The next command the host sends (or one sent since the last call), for a test that plays the patient's part.</summary>
    public async Task<T> WaitForCommandAsync<T>(CancellationToken cancellationToken)
        where T : FaceReaderCommand
    {
        while (true)
        {
            var command = await _commandFeed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (command is T wanted)
            {
                return wanted;
            }
        }
    }

    /// <summary>The patient places the card; a reader with CardFaceOcr then reports <paramref name="cardFaceNumber"/> as its camera read it.</summary>
    public async Task PlaceCardAsync(string? cardFaceNumber, CancellationToken cancellationToken)
    {
        if (CardSlot is { } slot)
        {
            await slot.InsertAsync(cancellationToken).ConfigureAwait(false);
        }

        await SendEventAsync(new CardPlaced(), cancellationToken).ConfigureAwait(false);
        if (cardFaceNumber is not null && Capabilities.HasFlag(FaceReaderCapabilities.CardFaceOcr))
        {
            var bytes = Encoding.ASCII.GetBytes(cardFaceNumber);
            try
            {
                using var entry = SecretEntry.Copy(bytes);
                await SendEventAsync(new CardFaceNumberRead(entry), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }

    public async Task RemoveCardAsync(CancellationToken cancellationToken)
    {
        if (CardSlot is { } slot)
        {
            await slot.RemoveAsync(cancellationToken).ConfigureAwait(false);
        }

        await SendEventAsync(new CardRemoved(), cancellationToken).ConfigureAwait(false);
    }

    public Task ChooseMethodAsync(CheckInMethod method, CancellationToken cancellationToken) =>
        SendEventAsync(new MethodChosen(method), cancellationToken);

    /// <summary>The patient types <paramref name="pin"/> on the keypad (ASCII digits, as the simulated card's PIN).</summary>
    public async Task EnterPinAsync(string pin, CancellationToken cancellationToken)
    {
        var bytes = Encoding.ASCII.GetBytes(pin);
        try
        {
            using var entry = SecretEntry.Copy(bytes);
            await SendEventAsync(new PinEntered(entry), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public Task AnswerConsentAsync(ConsentTopic topic, ConsentAnswer answer, CancellationToken cancellationToken) =>
        SendEventAsync(new ConsentAnswered(topic, answer), cancellationToken);

    public Task PressStaffKeyAsync(StaffAction action, CancellationToken cancellationToken) =>
        SendEventAsync(new StaffActed(action), cancellationToken);

    public Task CancelAsync(CancellationToken cancellationToken) => SendEventAsync(new PatientCancelled(), cancellationToken);

    public Task ReportFaceResultAsync(FaceCaptureOutcome outcome, double score, bool live, CancellationToken cancellationToken) =>
        SendEventAsync(new FaceCaptured(outcome, score, live), cancellationToken);

    public Task ReportFaultAsync(string code, string detail, CancellationToken cancellationToken) =>
        SendEventAsync(new ReaderFault(code, detail), cancellationToken);

    /// <summary>Bytes that are no frame, between two frames: line noise the host must skip.</summary>
    public Task SendGarbageAsync(byte[] garbage, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("No host is connected to the simulated face reader.");
        return connection.Link.WriteRawAsync(garbage, cancellationToken);
    }

    /// <summary>Sends one event and waits for the host's Ack; throws when no host has finished the handshake.</summary>
    public async Task SendEventAsync(FaceReaderEvent readerEvent, CancellationToken cancellationToken)
    {
        var connection = _connection;
        if (connection is not { HandshakeDone: true })
        {
            throw new InvalidOperationException("No host is connected to the simulated face reader.");
        }

        var message = EventCodec.Encode(readerEvent);
        try
        {
            await connection.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message.Payload);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Plays the reader on a port of its own (the reader's end of a pty pair, a real serial port): opens it, serves the
    /// host until the line ends, and opens it again (the cable put back), until <paramref name="cancellationToken"/>.
    /// </summary>
    public async Task ServeAsync(IFaceReaderPort port, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Stream stream;
                try
                {
                    stream = await port.OpenAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
                {
                    await Task.Delay(_linkOptions.ReconnectDelay, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var connection = Attach(stream);
                await connection.Link.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (ReferenceEquals(_connection, connection))
                {
                    Detach();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Detach();
                return;
            }
        }
    }

    /// <summary>Takes a new connection (a host opened the port), ending the one before.</summary>
    internal void AttachStream(Stream deviceEnd) => Attach(deviceEnd);

    private Connection Attach(Stream deviceEnd)
    {
        var previous = _connection;
        ForgetHandshake();
        var gated = new FreezableStream(deviceEnd, this);
        var connection = new Connection(this, gated);
        _connection = connection;
        if (previous is not null)
        {
            _ = previous.DisposeAsync().AsTask();
        }

        connection.Start();
        return connection;
    }

    /// <summary>The cable is pulled.</summary>
    internal void Detach()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            _ = connection.DisposeAsync().AsTask();
        }

        ForgetHandshake();
    }

    /// <summary>A new connection, or none, has had no handshake yet: <see cref="WaitConnectedAsync"/> waits for the next.</summary>
    private void ForgetHandshake()
    {
        lock (_gate)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private NackReason? OnCommand(Connection connection, MessageType type, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case MessageType.Hello:
                var (min, max) = LinkCodec.ReadHello(payload);
                connection.HandshakeDone = false;
                var version = Math.Min(max, _options.MaxVersion);
                connection.Queue(version >= Math.Max(min, _options.MinVersion)
                    ? LinkCodec.Welcome((byte)version, _options.Capabilities)
                    : LinkCodec.VersionRefused(_options.MinVersion, _options.MaxVersion));
                return null;
            case MessageType.GetDeviceInfo:
                connection.Queue(LinkCodec.DeviceInfo(_options.Model, _options.Firmware, _options.SerialNumber), afterSent: () =>
                {
                    connection.HandshakeDone = true;
                    lock (_gate)
                    {
                        _connected.TrySetResult();
                    }
                });
                return null;
        }

        var command = CommandCodec.Decode(type, payload);
        if (command is null)
        {
            return NackReason.UnknownType;
        }

        if (!connection.HandshakeDone)
        {
            return NackReason.NotNow;
        }

        Apply(connection, command);
        lock (_gate)
        {
            _commands.Add(command);
        }

        _commandFeed.Writer.TryWrite(command);
        return null;
    }

    private void Apply(Connection connection, FaceReaderCommand command)
    {
        switch (command)
        {
            case EnterVisualCheckMode:
                Mode = FaceReaderMode.VisualCheck;
                break;
            case ReturnToAutomaticMode:
                Mode = FaceReaderMode.Automatic;
                break;
            case CancelOperation:
                Screen = new ShowIdle();
                break;
            case StartFaceCapture capture:
                Screen = capture with { ReferencePhoto = ReadOnlyMemory<byte>.Empty };
                LastReferencePhotoLength = capture.ReferencePhoto.Length;
                if (AnswersCapturesItself)
                {
                    connection.Queue(EventCodec.Encode(NextFaceResult()));
                }

                break;
            default:
                Screen = command;
                break;
        }

        LogCommand(_logger, _options.SerialNumber, command.GetType().Name);
    }

    private FaceCaptured NextFaceResult()
    {
        lock (_gate)
        {
            return _faceResults.TryDequeue(out var next) ? next : _options.DefaultFaceResult;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Simulated face reader {Serial} got {Command}")]
    private static partial void LogCommand(ILogger logger, string serial, string command);

    /// <summary>One host connection: its link, and the queue that sends the reader's frames in order, one at a time.</summary>
    private sealed class Connection : IFrameReceiver, IAsyncDisposable
    {
        private readonly VirtualFaceReader _reader;
        private readonly Stream _stream;
        private readonly Channel<(WireMessage Message, Action? AfterSent, TaskCompletionSource? Done)> _outbox =
            Channel.CreateUnbounded<(WireMessage, Action?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _stop = new();
        private Task _sender = Task.CompletedTask;

        public Connection(VirtualFaceReader reader, Stream stream)
        {
            _reader = reader;
            _stream = stream;
            Link = new FrameLink(stream, this, reader._linkOptions, reader._time, reader._logger);
        }

        public FrameLink Link { get; }

        public volatile bool HandshakeDone;

        public void Start()
        {
            Link.Start();
            _sender = Task.Run(SendLoopAsync);
        }

        public void Queue(WireMessage message, Action? afterSent = null) => _outbox.Writer.TryWrite((message, afterSent, null));

        /// <summary>Sends behind whatever is queued, and waits until the host acknowledged it.</summary>
        public async Task SendAsync(WireMessage message, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_outbox.Writer.TryWrite((message, null, done)))
            {
                throw new InvalidOperationException("The connection to the host has ended.");
            }

            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        public NackReason? Receive(byte type, ReadOnlySpan<byte> payload) => _reader.OnCommand(this, (MessageType)type, payload);

        public async ValueTask DisposeAsync()
        {
            _outbox.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            await Link.DisposeAsync().ConfigureAwait(false);
            await _sender.ConfigureAwait(false);
            _stop.Dispose();
        }

        private async Task SendLoopAsync()
        {
            try
            {
                await foreach (var (message, afterSent, done) in _outbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                {
                    try
                    {
                        await Link.SendAsync(message, _stop.Token).ConfigureAwait(false);
                        afterSent?.Invoke();
                        done?.TrySetResult();
                    }
                    catch (FrameLinkException e)
                    {
                        done?.TrySetException(new InvalidOperationException($"The host did not take the frame: {e.Message}", e));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                while (_outbox.Reader.TryRead(out var left))
                {
                    left.Done?.TrySetException(new InvalidOperationException("The connection to the host has ended."));
                }
            }
        }
    }

    /// <summary>The reader's end of the line, which swallows everything it would send while the reader is frozen.</summary>
    private sealed class FreezableStream(Stream inner, VirtualFaceReader reader) : DelegatingStream(inner)
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            reader.Frozen ? ValueTask.CompletedTask : Inner.WriteAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!reader.Frozen)
            {
                Inner.Write(buffer, offset, count);
            }
        }
    }
}
