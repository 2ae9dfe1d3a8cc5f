using System.Text;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>A flow over a scripted reader and card on a watched fake clock, running on its own task; every await is bounded.</summary>
internal sealed class FlowHarness : IAsyncDisposable
{
    /// <summary>Timeouts all different, so a test can wait for the one timer it means to pass.</summary>
    public static readonly CheckInOptions Options = new()
    {
        MethodChoiceTimeout = TimeSpan.FromSeconds(61),
        FaceCaptureTimeout = TimeSpan.FromSeconds(31),
        PinEntryTimeout = TimeSpan.FromSeconds(62),
        CardFaceNumberEntryTimeout = TimeSpan.FromSeconds(121),
        StaffVisualCheckTimeout = TimeSpan.FromSeconds(301),
        ConsentScreenTimeout = TimeSpan.FromSeconds(63),
        CardCallDeadline = TimeSpan.FromSeconds(15),
        ReaderCommandDeadline = TimeSpan.FromSeconds(5),
        ResultScreenTime = TimeSpan.Zero,
        ConsentTopics = [ConsentTopic.Medication, ConsentTopic.HighCostLimit],
    };

    private readonly CancellationTokenSource _stop = new();

    public FlowHarness(CheckInOptions? options = null, ScriptedFaceReader? reader = null, FaceAuthLockout? lockout = null, FakeCheckInCard? card = null, WatchedTime? time = null)
    {
        Reader = reader ?? new ScriptedFaceReader();
        Card = card ?? new FakeCheckInCard();
        Time = time ?? new WatchedTime();
        Lockout = lockout ?? new FaceAuthLockout();
        Flow = new CheckInFlow(Reader, Card, options ?? Options, Lockout, Time);
        Run = Task.Run(() => Flow.RunAsync(_stop.Token));
    }

    public ScriptedFaceReader Reader { get; }

    public FakeCheckInCard Card { get; }

    public WatchedTime Time { get; }

    public FaceAuthLockout Lockout { get; }

    public CheckInFlow Flow { get; }

    public Task Run { get; }

    public static SecretEntry Secret(string ascii) => SecretEntry.Copy(Encoding.ASCII.GetBytes(ascii));

    /// <summary>The next check-in event, asserted to be a <typeparamref name="T"/>.</summary>
    public async Task<T> NextAsync<T>()
        where T : CheckInEvent
    {
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        CheckInEvent next;
        try
        {
            next = await Flow.Events.ReadAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {typeof(T).Name} came. Reader got: {string.Join(", ", Reader.Sent)}; card: {string.Join(", ", Card.Calls)}");
        }

        return Assert.IsAssignableFrom<T>(next);
    }

    /// <summary>The idle screen the flow shows when it starts.</summary>
    public Task StartedAsync() => Reader.ExpectAsync<ShowIdle>();

    /// <summary>Places a card and waits for the method screen.</summary>
    public async Task<ShowMethodChoice> PlaceCardAsync()
    {
        await StartedAsync();
        Reader.Push(new CardPlaced());
        await NextAsync<CheckInStarted>();
        return await Reader.NextAsync<ShowMethodChoice>();
    }

    /// <summary>Answers every configured consent screen with "agreed".</summary>
    public async Task AgreeToConsentsAsync(IReadOnlyList<ConsentTopic>? topics = null)
    {
        foreach (var topic in topics ?? Options.ConsentTopics)
        {
            var screen = await Reader.NextAsync<ShowConsent>();
            Assert.Equal(topic, screen.Topic);
            Reader.Push(new ConsentAnswered(topic, ConsentAnswer.Agreed));
            await NextAsync<ConsentRecorded>();
        }
    }

    /// <summary>Answers every configured consent screen with "agreed", leaving the events unread.</summary>
    public async Task AgreeToConsentsIgnoringEventsAsync()
    {
        foreach (var topic in Options.ConsentTopics)
        {
            Assert.Equal(topic, (await Reader.NextAsync<ShowConsent>()).Topic);
            Reader.Push(new ConsentAnswered(topic, ConsentAnswer.Agreed));
        }
    }

    /// <summary>The end of a check-in on the reader: the result screen, then idle.</summary>
    public async Task<ShowResult> ReaderEndsAsync()
    {
        var result = await Reader.NextAsync<ShowResult>();
        await Reader.NextAsync<ShowIdle>();
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(TestBounds.Wait);
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
