using OnshiDevice.PcSc;

namespace OnshiDevice.TestSupport;

/// <summary>Waiting, through SCardGetStatusChange, for a PC/SC reader to hold a card or to be empty.</summary>
public static class PcscPresence
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static Task WaitAsync(IPcscApi api, string reader, bool present) => Task.Run(() =>
    {
        using var context = PcscContext.Establish(api);
        var states = new[] { new ReaderStateQuery(reader) };
        var until = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < until)
        {
            context.WaitForChange(states, 250);
            var occupied = states[0].EventState.HasFlag(ReaderStatus.Present) && !states[0].EventState.HasFlag(ReaderStatus.Mute);
            if (occupied == present)
            {
                return;
            }

            states[0].CurrentState = states[0].EventState;
        }

        throw new TimeoutException($"{reader} was not {(present ? "holding a card" : "empty")} within {Limit.TotalSeconds:0} s.");
    });

    /// <summary>
    /// Watches an empty reader for the next card; the returned task completes once the watch has read the reader empty,
    /// and its inner task gives the Stopwatch timestamp at which PC/SC reported the card.
    /// </summary>
    public static async Task<Task<long>> WatchForArrivalAsync(IPcscApi api, string reader)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = Task.Run(() =>
        {
            using var context = PcscContext.Establish(api);
            var states = new[] { new ReaderStateQuery(reader) };
            context.WaitForChange(states, 0);
            if (states[0].EventState.HasFlag(ReaderStatus.Present))
            {
                throw new InvalidOperationException($"{reader} already holds a card: the watch cannot time the next one's arrival.");
            }

            states[0].CurrentState = states[0].EventState;
            ready.SetResult();
            var until = DateTime.UtcNow + Limit;
            while (DateTime.UtcNow < until)
            {
                context.WaitForChange(states, 250);
                if (states[0].EventState.HasFlag(ReaderStatus.Present) && !states[0].EventState.HasFlag(ReaderStatus.Mute))
                {
                    return System.Diagnostics.Stopwatch.GetTimestamp();
                }

                states[0].CurrentState = states[0].EventState;
            }

            throw new TimeoutException($"{reader} held no card within {Limit.TotalSeconds:0} s.");
        });
        await Task.WhenAny(ready.Task, arrived);
        if (arrived.IsFaulted)
        {
            await arrived;
        }

        return arrived;
    }
}
