namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Unwinds a check-in from whatever it was waiting for to its end; never leaves the flow.</summary>
internal sealed class CheckInEndedException : Exception
{
    public CheckInEndedException()
    {
        End = CheckInEnd.Failed(CheckInFailureReason.Unexpected, CheckInState.IdentifyingCard);
    }

    public CheckInEndedException(string message)
        : base(message)
    {
        End = CheckInEnd.Failed(CheckInFailureReason.Unexpected, CheckInState.IdentifyingCard);
    }

    public CheckInEndedException(string message, Exception innerException)
        : base(message, innerException)
    {
        End = CheckInEnd.Failed(CheckInFailureReason.Unexpected, CheckInState.IdentifyingCard);
    }

    public CheckInEndedException(CheckInEnd end)
        : base("The check-in ended.")
    {
        End = end;
    }

    public CheckInEnd End { get; }
}
