using System.Collections.Concurrent;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// One async lock per reader name so calls on one reader run one after another. Only names PC/SC
/// listed get a lock, so the table stays as small as the set of readers ever attached.
/// </summary>
public sealed class ReaderLocks(TimeProvider timeProvider) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for the reader; false when the wait ran out of time. <see cref="Timeout.InfiniteTimeSpan"/> waits until
    /// <paramref name="cancellationToken"/> fires. Cancellation by the client throws.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string readerName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(readerName, static _ => new SemaphoreSlim(1, 1));
        if (gate.Wait(0, CancellationToken.None))
        {
            return true;
        }

        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            return false;
        }

        // The wait is timed by the service's clock, so tests drive it without waiting.
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await gate.WaitAsync(either.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Whether the reader has been used before (PC/SC listed it then).</summary>
    public bool IsKnown(string readerName) => _locks.ContainsKey(readerName);

    public void Release(string readerName)
    {
        if (_locks.TryGetValue(readerName, out var gate))
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _locks.Values)
        {
            gate.Dispose();
        }
    }
}
