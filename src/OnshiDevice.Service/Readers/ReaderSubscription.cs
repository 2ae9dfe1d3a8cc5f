using OnshiDevice.PcSc;
using OnshiDevice.Service.Streams;

namespace OnshiDevice.Service.Readers;

/// <summary>One subscriber of the <see cref="ReaderHub"/>: the present state, then every change. Dispose to leave the hub.</summary>
public sealed class ReaderSubscription : EventSubscription<ReaderEvent>
{
    internal const string TooSlowMessage = "The watcher fell too far behind the reader events and was dropped; open a new watch.";

    internal ReaderSubscription(ReaderHub hub, int capacity)
        : base(subscription => hub.Unsubscribe((ReaderSubscription)subscription), capacity)
    {
    }

    internal void EndAsTooSlow() => EndAsTooSlow(TooSlowMessage);
}
