using System.Threading.Channels;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>
/// A reader the test plays: it records every command the flow sends (in order), lets the test push events, and can be
/// told to refuse commands or to leave them unanswered.
/// </summary>
internal sealed class ScriptedFaceReader : IFaceAuthReader
{
    private readonly Channel<FaceReaderEvent> _events = Channel.CreateUnbounded<FaceReaderEvent>();
    private readonly Channel<FaceReaderCommand> _sent = Channel.CreateUnbounded<FaceReaderCommand>();
    private readonly Lock _lock = new();
    private readonly List<FaceReaderCommand> _all = [];

    public ScriptedFaceReader(FaceReaderCapabilities capabilities = FaceReaderCapabilities.PinPad | FaceReaderCapabilities.CardFaceOcr | FaceReaderCapabilities.Liveness)
    {
        Info = new FaceReaderInfo("Scripted", "1.0", "S-0001", 1, capabilities);
    }

    public FaceReaderInfo? Info { get; set; }

    public ChannelReader<FaceReaderEvent> Events => _events.Reader;

    /// <summary>When set, commands of this kind are acknowledged only when the caller's deadline fires (which cancels them).</summary>
    public Func<FaceReaderCommand, bool> Silent { get; set; } = _ => false;

    /// <summary>When set, every command fails as a reader without a link does.</summary>
    public bool Disconnected { get; set; }

    public IReadOnlyList<FaceReaderCommand> Sent
    {
        get
        {
            lock (_lock)
            {
                return _all.ToArray();
            }
        }
    }

    public void Push(FaceReaderEvent readerEvent) => Assert.True(_events.Writer.TryWrite(readerEvent));

    public void EndEvents() => _events.Writer.TryComplete();

    public async Task SendAsync(FaceReaderCommand command, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _all.Add(command);
        }

        _sent.Writer.TryWrite(command);
        if (Disconnected)
        {
            throw new FaceReaderException(FaceReaderProblem.NotConnected, "Scripted reader: no link.");
        }

        if (Silent(command))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }

    /// <summary>The next command sent of kind <typeparamref name="T"/>, skipping others; bounded in real time.</summary>
    public async Task<T> NextAsync<T>()
        where T : FaceReaderCommand
    {
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        try
        {
            while (true)
            {
                var command = await _sent.Reader.ReadAsync(bound.Token);
                if (command is T wanted)
                {
                    return wanted;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The flow sent no {typeof(T).Name}. Sent: {string.Join(", ", Sent)}");
        }
    }

    /// <summary>The next command, whatever it is, and asserts its kind.</summary>
    public async Task<T> ExpectAsync<T>()
        where T : FaceReaderCommand
    {
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        FaceReaderCommand command;
        try
        {
            command = await _sent.Reader.ReadAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The flow sent no {typeof(T).Name}. Sent: {string.Join(", ", Sent)}");
        }

        return Assert.IsType<T>(command);
    }

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
