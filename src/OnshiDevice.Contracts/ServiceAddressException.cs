namespace OnshiDevice.Contracts;

/// <summary>An address a client will not use (<see cref="ServiceAddress.Parse"/>); the message is the one line the client prints.</summary>
public sealed class ServiceAddressException : Exception
{
    public ServiceAddressException()
    {
    }

    public ServiceAddressException(string message)
        : base(message)
    {
    }

    public ServiceAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
