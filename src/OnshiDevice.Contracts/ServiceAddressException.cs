namespace OnshiDevice.Contracts;

/// <summary>
/// An address a client will not use (<see cref="ServiceAddress.Parse"/>). The message is the one English line
/// onshi-sim prints; onshi words <see cref="Problem"/> in its own language.
/// </summary>
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

    public ServiceAddressException(ServiceAddressProblem problem, string value, string message)
        : base(message)
    {
        Problem = problem;
        Value = value;
    }

    public ServiceAddressProblem Problem { get; }

    /// <summary>The address as given.</summary>
    public string Value { get; } = string.Empty;

    /// <summary>The host a plain HTTP address named (<see cref="ServiceAddressProblem.PlainHttpRefused"/>).</summary>
    public string Host { get; init; } = string.Empty;
}
