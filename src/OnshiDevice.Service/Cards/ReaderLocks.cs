using System.Collections.Concurrent;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// One async lock per reader name so calls on one reader run one after another. Only names PC/SC
/// listed get a lock, so the table stays as small as the set of readers ever attached.
/// </summary>
public sealed class ReaderLocks : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>Waits for the reader; false when the wait ran out of time. Cancellation by the client throws.</summary>
    public async Task<bool> TryAcquireAsync(string readerName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(readerName, static _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellationToken).ConfigureAwait(false);
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
