using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>How a check-in ended: completed with its result, failed with a reason, or cancelled by someone.</summary>
internal sealed class CheckInEnd
{
    private CheckInEnd(CheckInResult? result, CheckInFailureReason? failure, CheckInCancelledBy? cancelledBy, CheckInState state)
    {
        Result = result;
        Failure = failure;
        CancelledBy = cancelledBy;
        State = state;
    }

    public CheckInResult? Result { get; }

    public CheckInFailureReason? Failure { get; }

    public CheckInCancelledBy? CancelledBy { get; }

    public CheckInState State { get; }

    /// <summary>What a failure of <see cref="CheckInFailureReason.Unexpected"/> was, for the service's log.</summary>
    public Exception? Cause { get; private init; }

    public bool Passed => Result is not null;

    public ReaderMessage Message => this switch
    {
        { Result: not null } => ReaderMessage.CheckInComplete,
        { CancelledBy: not null } => ReaderMessage.CheckInCancelled,
        _ => CheckInFailures.MessageFor(Failure!.Value),
    };

    public static CheckInEnd Completed(CheckInResult result) => new(result, null, null, CheckInState.ReadingCertificate);

    public static CheckInEnd Failed(CheckInFailureReason reason, CheckInState state) => new(null, reason, null, state);

    public static CheckInEnd Failed(Exception cause, CheckInState state)
    {
        var reason = CheckInFailures.ReasonFor(cause);
        return new(null, reason, null, state) { Cause = reason == CheckInFailureReason.Unexpected ? cause : null };
    }

    public static CheckInEnd Cancelled(CheckInCancelledBy by, CheckInState state) => new(null, null, by, state);

    public CheckInEvent ToEvent(Guid checkInId, DateTimeOffset at) => this switch
    {
        { Result: { } result } => new CheckInCompleted(checkInId, at, result),
        { CancelledBy: { } by } => new CheckInCancelled(checkInId, at, by, State),
        _ => new CheckInFailed(checkInId, at, Failure!.Value, State) { Cause = Cause },
    };
}
