using System.Collections.Concurrent;

namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// Every <see cref="PrivacyViolation"/> any virtual My Number card in this process has seen, whichever wrapper
/// or transport carried the command. Test fixtures take them at teardown and fail when there are any, so no
/// test can forget to look (the card's own <see cref="VirtualMyNumberCard.PrivacyViolations"/> says which card).
/// </summary>
public static class PrivacyTripwire
{
    private static readonly ConcurrentQueue<PrivacyViolation> Recorded = new();

    /// <summary>The violations recorded since the last call, removed from the record.</summary>
    public static IReadOnlyList<PrivacyViolation> TakeRecorded()
    {
        var taken = new List<PrivacyViolation>();
        while (Recorded.TryDequeue(out var violation))
        {
            taken.Add(violation);
        }

        return taken;
    }

    internal static void Record(PrivacyViolation violation) => Recorded.Enqueue(violation);
}
