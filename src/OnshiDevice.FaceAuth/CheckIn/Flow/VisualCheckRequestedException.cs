namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Unwinds the patient's method (a wait for a choice, a PIN, a face) when staff switch to a visual check; never leaves the flow.</summary>
internal sealed class VisualCheckRequestedException : Exception
{
    public VisualCheckRequestedException()
        : base("Staff switched to a visual check.")
    {
    }

    public VisualCheckRequestedException(string message)
        : base(message)
    {
    }

    public VisualCheckRequestedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
