namespace OnshiDevice.Service.Errors;

/// <summary>The service is stopping: a watch open at that moment ends, a call that needs the reader hub is refused.</summary>
public sealed class ServiceStoppingException : Exception
{
    public ServiceStoppingException()
    {
    }

    public ServiceStoppingException(string message)
        : base(message)
    {
    }

    public ServiceStoppingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
