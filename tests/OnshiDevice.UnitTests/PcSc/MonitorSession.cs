using OnshiDevice.PcSc;

namespace OnshiDevice.UnitTests.PcSc;

/// <summary>
/// Drives one <see cref="ReaderMonitor.WatchAsync"/> enumeration for a test: reads the next event with
/// a generous bound (so a bug fails the test instead of hanging it) and cancels on dispose.
/// </summary>
internal sealed class MonitorSession : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IAsyncEnumerator<ReaderEvent> _events;
    private Task<bool>? _pending;

    public MonitorSession(IPcscApi api, ReaderMonitorOptions? options = null)
    {
        _events = new ReaderMonitor(api, options).WatchAsync(_cancellation.Token).GetAsyncEnumerator();
    }

    public async Task<ReaderEvent> NextAsync()
    {
        _pending ??= _events.MoveNextAsync().AsTask();
        var moved = await _pending.WaitAsync(Bound);
        _pending = null;
        Assert.True(moved, "The monitor ended on its own.");
        return _events.Current;
    }

    public async Task<ReaderEvent> ExpectAsync(ReaderEventKind kind, string? readerName)
    {
        var next = await NextAsync();
        Assert.Equal((kind, readerName), (next.Kind, next.ReaderName));
        return next;
    }

    /// <summary>Starts waiting for the next event without blocking, for cancellation tests.</summary>
    public Task<bool> MoveNextInBackground() => _pending ??= _events.MoveNextAsync().AsTask();

    public void Cancel() => _cancellation.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        if (_pending is not null)
        {
            try
            {
                await _pending.WaitAsync(Bound);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _events.DisposeAsync();
        _cancellation.Dispose();
    }
}
