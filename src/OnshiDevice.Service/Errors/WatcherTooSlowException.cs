namespace OnshiDevice.Service.Errors;

/// <summary>A hub subscriber fell further behind than its buffer of events; it was dropped so that it never slows the others.</summary>
public sealed class WatcherTooSlowException : Exception
{
    public WatcherTooSlowException()
    {
    }

    public WatcherTooSlowException(string message)
        : base(message)
    {
    }

    public WatcherTooSlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
