namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Who ended a check-in on purpose.</summary>
public enum CheckInCancelledBy
{
    /// <summary>The patient pressed cancel on the reader.</summary>
    Patient = 1,

    /// <summary>Staff cancelled it, at reception.</summary>
    Staff = 2,

    /// <summary>The service is stopping.</summary>
    Service = 3,
}
