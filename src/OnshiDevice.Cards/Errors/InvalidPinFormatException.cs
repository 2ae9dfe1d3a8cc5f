namespace OnshiDevice.Cards.Errors;

/// <summary>The PIN does not have the length or characters the card accepts; nothing was sent.</summary>
public sealed class InvalidPinFormatException : CardException
{
    public InvalidPinFormatException()
    {
    }

    public InvalidPinFormatException(string message)
        : base(message)
    {
    }

    public InvalidPinFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
