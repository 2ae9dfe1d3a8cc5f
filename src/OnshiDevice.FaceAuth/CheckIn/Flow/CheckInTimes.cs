namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>When the card was placed, identified as a My Number card, the patient authenticated, and the check-in completed.</summary>
public sealed record CheckInTimes(DateTimeOffset Placed, DateTimeOffset Identified, DateTimeOffset Authenticated, DateTimeOffset Completed);
