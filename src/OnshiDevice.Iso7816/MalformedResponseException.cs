namespace OnshiDevice.Iso7816;

/// <summary>A response APDU that cannot be parsed: too short, truncated, or endlessly chained.</summary>
public sealed class MalformedResponseException : Iso7816Exception
{
    public MalformedResponseException()
    {
    }

    public MalformedResponseException(string message)
        : base(message)
    {
    }

    public MalformedResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
