using OnshiDevice.Simulators;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// Wraps a virtual card and holds its answer to the first READ BINARY until released, so a test
/// can take the card away while a certificate read is in flight.
/// </summary>
internal sealed class StallingCard(IVirtualCard inner) : IVirtualCard
{
    private const byte ReadBinary = 0xB0;
    private readonly TaskCompletionSource _readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _release = new();
    private int _stalled;

    public byte[] Atr => inner.Atr;

    public Task ReadStarted => _readStarted.Task;

    public void Release() => _release.Set();

    public void Reset() => inner.Reset();

    public byte[] Process(ReadOnlySpan<byte> commandApdu)
    {
        if (commandApdu.Length >= 2 && commandApdu[1] == ReadBinary && Interlocked.Exchange(ref _stalled, 1) == 0)
        {
            _readStarted.TrySetResult();
            _release.Wait(TimeSpan.FromSeconds(10));
        }

        return inner.Process(commandApdu);
    }
}
