using OnshiDevice.FaceAuth.Link;

namespace OnshiDevice.UnitTests.FaceAuth.Link;

/// <summary>A port whose host-side writes can be dropped on demand, as line noise would eat a whole frame.</summary>
internal sealed class LossyPort(IFaceReaderPort inner) : IFaceReaderPort
{
    private int _toDrop;
    private int _dropped;

    public string Name => inner.Name;

    public int Dropped => _dropped;

    /// <summary>Drops the next <paramref name="count"/> frames that are not heartbeats.</summary>
    public void DropNextWrites(int count) => Volatile.Write(ref _toDrop, count);

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken) => new Dropping(await inner.OpenAsync(cancellationToken), this);

    private bool ShouldDrop(ReadOnlySpan<byte> frame)
    {
        // A heartbeat is 7E 00 00 00 06 + CRC; everything else may be dropped.
        if (frame.Length > 4 && frame[4] == 0x06)
        {
            return false;
        }

        if (Interlocked.Decrement(ref _toDrop) >= 0)
        {
            Interlocked.Increment(ref _dropped);
            return true;
        }

        return false;
    }

    private sealed class Dropping(Stream inner, LossyPort port) : DelegatingStream(inner)
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            port.ShouldDrop(buffer.Span) ? ValueTask.CompletedTask : Inner.WriteAsync(buffer, cancellationToken);
    }
}
