namespace OnshiDevice.Service.Errors;

/// <summary>The service already serves as many WatchReaders streams (and other hub subscriptions) as OnshiDevice:MaxWatchStreams allows.</summary>
public sealed class WatchLimitReachedException : Exception
{
    public WatchLimitReachedException()
    {
    }

    public WatchLimitReachedException(string message)
        : base(message)
    {
    }

    public WatchLimitReachedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
