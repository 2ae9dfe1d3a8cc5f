using OnshiDevice.Simulators;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// Wraps a virtual card and holds its answer to the command numbered <paramref name="stallAt"/> (0 = the first the
/// card sees) until released, so a test can take the card away at any point of a call, not only at its first read.
/// </summary>
internal sealed class StallAtCommandCard(IVirtualCard inner, int stallAt) : IVirtualCard
{
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();
    private int _seen;

    public byte[] Atr => inner.Atr;

    /// <summary>Completes when the card holds the chosen command's answer.</summary>
    public Task Stalled => _stalled.Task;

    public void Release() => _release.Set();

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        if (Interlocked.Increment(ref _seen) - 1 == stallAt)
        {
            _stalled.TrySetResult();
            _release.Wait(TimeSpan.FromSeconds(10));
        }

        return inner.Process(commandApdu);
    }
}
