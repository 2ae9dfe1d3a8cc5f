namespace OnshiDevice.FaceAuth.Readers;

/// <summary>A reader refused a command, did not answer it, or is not connected. Messages name no secret and no patient data.</summary>
public sealed class FaceReaderException : Exception
{
    public FaceReaderException(FaceReaderProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public FaceReaderProblem Problem { get; }
}
