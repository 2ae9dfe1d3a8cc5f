using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>What a reader's check-in flow reports, in order. Each names its check-in and when it happened (the flow's clock).</summary>
public abstract record CheckInEvent(Guid CheckInId, DateTimeOffset At);

/// <summary>A card was placed on the reader; a check-in began.</summary>
public sealed record CheckInStarted(Guid CheckInId, DateTimeOffset At) : CheckInEvent(CheckInId, At);

/// <summary>The patient chose a method, or staff switched to a visual check.</summary>
public sealed record CheckInMethodChosen(Guid CheckInId, DateTimeOffset At, CheckInMethod Method) : CheckInEvent(CheckInId, At);

/// <summary>
/// The camera's answer and the host's verdict on it (the threshold and, when required, liveness).
/// <paramref name="ConsecutiveFailures"/> counts this card's face failures in a row, toward the lockout.
/// </summary>
public sealed record FaceResult(Guid CheckInId, DateTimeOffset At, FaceCaptureOutcome Outcome, double Score, bool Live, bool Passed, int ConsecutiveFailures)
    : CheckInEvent(CheckInId, At);

/// <summary>The PIN's one VERIFY. <paramref name="TriesLeft"/> as the card told it; null when it does not tell, and after a pass.</summary>
public sealed record PinResult(Guid CheckInId, DateTimeOffset At, SecretCheckOutcome Outcome, int? TriesLeft) : CheckInEvent(CheckInId, At)
{
    public bool Passed => Outcome == SecretCheckOutcome.Verified;
}

/// <summary>The check-in waits for 照合番号B: staff type it (<see cref="EnterCardFaceNumber"/>) unless the reader's OCR reads it.</summary>
public sealed record CardFaceNumberNeeded(Guid CheckInId, DateTimeOffset At, bool ReaderCanReadIt) : CheckInEvent(CheckInId, At);

/// <summary>照合番号B's one VERIFY. <paramref name="TriesLeft"/> as the card told it (10 at most); null when unknown, and after a pass.</summary>
public sealed record CardFaceNumberResult(Guid CheckInId, DateTimeOffset At, SecretCheckOutcome Outcome, int? TriesLeft) : CheckInEvent(CheckInId, At)
{
    public bool Passed => Outcome == SecretCheckOutcome.Verified;
}

/// <summary>
/// Staff must compare the patient with the card's photo. The flow owns <paramref name="Photo"/> and wipes it when the
/// check-in ends (its end event always follows this one), so a consumer converts or shows it before it handles that end
/// event, and never disposes or keeps it. Read after the end it throws <see cref="ObjectDisposedException"/>; a consumer on
/// another thread than the flow uses <see cref="CardFacePhoto.TryCopy"/>, which cannot race the end.
/// </summary>
public sealed record VisualCheckNeeded(Guid CheckInId, DateTimeOffset At, CardFacePhoto Photo) : CheckInEvent(CheckInId, At);

/// <summary>The patient answered one consent screen.</summary>
public sealed record ConsentRecorded(Guid CheckInId, DateTimeOffset At, ConsentRecord Consent) : CheckInEvent(CheckInId, At);

/// <summary>The check-in passed.</summary>
public sealed record CheckInCompleted(Guid CheckInId, DateTimeOffset At, CheckInResult Result) : CheckInEvent(CheckInId, At);

/// <summary>The check-in ended without a result, in <paramref name="State"/>.</summary>
public sealed record CheckInFailed(Guid CheckInId, DateTimeOffset At, CheckInFailureReason Reason, CheckInState State) : CheckInEvent(CheckInId, At)
{
    /// <summary>For <see cref="CheckInFailureReason.Unexpected"/>: the fault, for the service's log (the flow logs nothing itself).</summary>
    public Exception? Cause { get; init; }
}

/// <summary>The patient, staff or the service ended the check-in on purpose, in <paramref name="State"/>.</summary>
public sealed record CheckInCancelled(Guid CheckInId, DateTimeOffset At, CheckInCancelledBy By, CheckInState State) : CheckInEvent(CheckInId, At);
