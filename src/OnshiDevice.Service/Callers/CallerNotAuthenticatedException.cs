namespace OnshiDevice.Service.Callers;

/// <summary>A PIN-bearing request came from a caller that is neither local nor mutually authenticated; refused before any card is touched.</summary>
public sealed class CallerNotAuthenticatedException : Exception
{
    public CallerNotAuthenticatedException()
        : base("This call carries a PIN or uses a card's private key; make it over the local socket or pipe, or over the clinic LAN listener with a client certificate.")
    {
    }

    public CallerNotAuthenticatedException(string message)
        : base(message)
    {
    }

    public CallerNotAuthenticatedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
