using Microsoft.Extensions.Time.Testing;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>
/// A fake clock that also tells when the flow arms a timer of a given length, so a test moves the clock only once the
/// deadline it means to pass exists (never racing the flow to it).
/// </summary>
internal sealed class WatchedTime : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TimeSpan, int> _armed = [];
    private readonly Dictionary<TimeSpan, int> _awaited = [];
    private readonly SemaphoreSlim _changed = new(0, int.MaxValue);

    public WatchedTime()
        : base(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _armed[dueTime] = _armed.GetValueOrDefault(dueTime) + 1;
        }

        _changed.Release();
        return timer;
    }

    /// <summary>Waits (in real time, bounded) for one more timer of <paramref name="dueTime"/> than this method has returned for before.</summary>
    public async Task ArmedAsync(TimeSpan dueTime)
    {
        using var bound = new CancellationTokenSource(TestBounds.Wait);
        while (true)
        {
            lock (_lock)
            {
                if (_armed.GetValueOrDefault(dueTime) > _awaited.GetValueOrDefault(dueTime))
                {
                    _awaited[dueTime] = _awaited.GetValueOrDefault(dueTime) + 1;
                    return;
                }
            }

            try
            {
                await _changed.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No timer of {dueTime} was armed.");
            }
        }
    }

    /// <summary>Waits for the timer, then moves the clock to it.</summary>
    public async Task PassAsync(TimeSpan dueTime)
    {
        await ArmedAsync(dueTime);
        Advance(dueTime);
    }
}
