namespace OnshiDevice.Service.Errors;

/// <summary>No face reader of the requested id is configured; <see cref="FaceReaders"/> lists those that are.</summary>
public sealed class FaceReaderNotFoundException : Exception
{
    public FaceReaderNotFoundException()
    {
    }

    public FaceReaderNotFoundException(string message)
        : base(message)
    {
    }

    public FaceReaderNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The configured face readers' ids.</summary>
    public IReadOnlyList<string> FaceReaders { get; init; } = [];
}
