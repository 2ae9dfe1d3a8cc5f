using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// A face reader as its check-in flow sees it, with the link's own events (<see cref="LinkLost"/>,
/// <see cref="LinkRestored"/>) also told to <paramref name="onLinkChanged"/> as the flow reads them, so the streams
/// learn of a reader going away or coming back in the order of the check-in's events. Nothing is copied or buffered:
/// the flow reads the driver's own channel.
/// </summary>
internal sealed class LinkWatchingReader(IFaceAuthReader inner, Action<FaceReaderEvent> onLinkChanged) : IFaceAuthReader
{
    private readonly WatchedEvents _events = new(inner.Events, onLinkChanged);

    public FaceReaderInfo? Info => inner.Info;

    public ChannelReader<FaceReaderEvent> Events => _events;

    public Task SendAsync(FaceReaderCommand command, CancellationToken cancellationToken) => inner.SendAsync(command, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class WatchedEvents(ChannelReader<FaceReaderEvent> inner, Action<FaceReaderEvent> onLinkChanged) : ChannelReader<FaceReaderEvent>
    {
        public override Task Completion => inner.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out FaceReaderEvent item)
        {
            if (!inner.TryRead(out item))
            {
                return false;
            }

            if (item is LinkLost or LinkRestored)
            {
                onLinkChanged(item);
            }

            return true;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) => inner.WaitToReadAsync(cancellationToken);
    }
}
