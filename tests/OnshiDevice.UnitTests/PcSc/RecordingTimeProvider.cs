using System.Collections.Concurrent;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>Records every delay asked for and lets it pass after a millisecond, so back-off is checked without waiting.</summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        Delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.FromMilliseconds(1), period);
    }
}
