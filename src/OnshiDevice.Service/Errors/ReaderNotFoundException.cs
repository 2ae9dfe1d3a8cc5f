namespace OnshiDevice.Service.Errors;

/// <summary>The request names a reader PC/SC does not list. The message never contains the name (it would reach the trailers).</summary>
public sealed class ReaderNotFoundException : Exception
{
    public ReaderNotFoundException()
    {
    }

    public ReaderNotFoundException(string message)
        : base(message)
    {
    }

    public ReaderNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The readers PC/SC lists (from PC/SC, never from the request), for the ErrorInfo's "readers".</summary>
    public IReadOnlyList<string> Readers { get; init; } = [];
}
