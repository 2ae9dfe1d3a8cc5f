using System.Diagnostics;
using OnshiDevice.PcSc;

namespace OnshiDevice.Benchmarks.Hub;

/// <summary>
/// The baseline: one SCardGetStatusChange waiter on its own thread and context, as a program that watches one
/// reader itself would be. Records when it saw the reader's card come and go.
/// </summary>
internal sealed class DirectWaiter : IDisposable
{
    private readonly PcscContext _context;
    private readonly Thread _thread;
    private readonly string _reader;
    private readonly Lock _lock = new();
    private readonly List<(bool Present, long Time)> _changes = [];
    private volatile bool _stopping;

    public DirectWaiter(IPcscApi api, string reader)
    {
        _reader = reader;
        _context = PcscContext.Establish(api);
        _thread = new Thread(Wait) { IsBackground = true, Name = "direct SCardGetStatusChange waiter" };
        _thread.Start();
    }

    /// <summary>Waits until the waiter has seen the card <paramref name="present"/> (or not) last; returns when it saw that.</summary>
    public async Task<long> WaitForAsync(bool present)
    {
        var until = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            lock (_lock)
            {
                if (_changes.Count > 0 ? _changes[^1].Present == present : !present)
                {
                    return _changes.Count > 0 ? _changes[^1].Time : Stopwatch.GetTimestamp();
                }
            }

            await Task.Delay(1);
        }

        throw new TimeoutException($"The direct waiter did not see {_reader} {(present ? "occupied" : "empty")} within 30 s.");
    }

    public void Dispose()
    {
        _stopping = true;
        _context.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _context.Dispose();
    }

    private void Wait()
    {
        var states = new[] { new ReaderStateQuery(_reader) };
        var present = false;
        while (!_stopping)
        {
            try
            {
                if (!_context.WaitForChange(states, 1000))
                {
                    continue;
                }
            }
            catch (PcscCancelledException)
            {
                continue;
            }

            var now = Stopwatch.GetTimestamp();
            var state = states[0].EventState;
            var isPresent = state.HasFlag(ReaderStatus.Present) && !state.HasFlag(ReaderStatus.Mute);
            if (isPresent != present)
            {
                present = isPresent;
                lock (_lock)
                {
                    _changes.Add((present, now));
                }
            }

            states[0].CurrentState = state & ~ReaderStatus.Changed;
            states[0].CurrentEventCount = states[0].EventCount;
        }
    }
}
