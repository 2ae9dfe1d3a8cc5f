namespace OnshiDevice.Service.Errors;

/// <summary>The card work did not finish before the call's deadline (the client's, or the service's default timeout).</summary>
public sealed class CallDeadlineExceededException : Exception
{
    public CallDeadlineExceededException()
    {
    }

    public CallDeadlineExceededException(string message)
        : base(message)
    {
    }

    public CallDeadlineExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
