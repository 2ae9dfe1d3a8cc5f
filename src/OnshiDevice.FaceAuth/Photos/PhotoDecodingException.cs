namespace OnshiDevice.FaceAuth.Photos;

/// <summary>The photo could not be turned into an image for staff; <see cref="Problem"/> says whether the bytes or the machine is at fault.</summary>
public sealed class PhotoDecodingException : Exception
{
    public PhotoDecodingException(PhotoDecodingProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public PhotoDecodingProblem Problem { get; }
}
