using Grpc.Core;

namespace OnshiDevice.Service.Errors;

/// <summary>Tells a client's own cancellation from its deadline running out.</summary>
public static class CallCancellation
{
    /// <summary>
    /// A client gives up at its deadline by resetting the stream, which reaches the server a little
    /// before the server's copy of the deadline (computed from the grpc-timeout header on arrival).
    /// A cancellation this close to the deadline is the deadline.
    /// </summary>
    public static readonly TimeSpan DeadlineTolerance = TimeSpan.FromSeconds(1);

    public static bool IsClientCancellation(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return context.Deadline == DateTime.MaxValue
            || context.Deadline.ToUniversalTime() - DateTime.UtcNow > DeadlineTolerance;
    }
}
