using Contract = OnshiDevice.Contracts.V1;

namespace OnshiDevice.TestSupport;

/// <summary>What every rig does the same way.</summary>
public static class CheckInRigs
{
    /// <summary>A desk attending once the desk before it has gone: its stream ends on the service's side a moment after the client let it go.</summary>
    public static async Task<CheckInDesk> AttendWhenFreeAsync(this ICheckInRig rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        using var deadline = new CancellationTokenSource(rig.Patience);
        while (true)
        {
            var list = await rig.Client.ListFaceReadersAsync(new Contract.ListFaceReadersRequest(), cancellationToken: deadline.Token);
            if (!list.FaceReaders.Single().Attended)
            {
                return await rig.AttendAsync();
            }

            await Task.Delay(20, deadline.Token);
        }
    }
}
