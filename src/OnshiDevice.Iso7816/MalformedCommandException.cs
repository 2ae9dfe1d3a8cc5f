namespace OnshiDevice.Iso7816;

/// <summary>Bytes that are not a valid command APDU encoding.</summary>
public sealed class MalformedCommandException : Iso7816Exception
{
    public MalformedCommandException()
    {
    }

    public MalformedCommandException(string message)
        : base(message)
    {
    }

    public MalformedCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
