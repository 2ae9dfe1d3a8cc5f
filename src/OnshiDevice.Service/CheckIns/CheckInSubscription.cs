using OnshiDevice.Service.Streams;
using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.CheckIns;

/// <summary>One stream of a face reader's check-ins: the attending desk's or a watcher's. Dispose to leave.</summary>
internal sealed class CheckInSubscription : EventSubscription<Contract.CheckInEvent>
{
    internal const string TooSlowMessage = "The stream fell too far behind the check-in events and was dropped; open a new one.";

    internal CheckInSubscription(CheckInBroadcast broadcast, bool attends, int capacity)
        : base(subscription => broadcast.Leave((CheckInSubscription)subscription), capacity)
    {
        Attends = attends;
    }

    /// <summary>Whether this is the desk that attends the reader (it gets the card's photo).</summary>
    public bool Attends { get; }

    internal void EndAsTooSlow() => EndAsTooSlow(TooSlowMessage);
}
