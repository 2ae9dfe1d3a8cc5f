namespace OnshiDevice.Cards.Errors;

/// <summary>The card holds none of the applications this call needs.</summary>
public sealed class UnsupportedCardException : CardException
{
    public UnsupportedCardException()
    {
    }

    public UnsupportedCardException(string message)
        : base(message)
    {
    }

    public UnsupportedCardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
