namespace OnshiDevice.Cards.Errors;

/// <summary>Base of the card-layer errors. Messages never contain a PIN.</summary>
public class CardException : Exception
{
    public CardException()
    {
    }

    public CardException(string message)
        : base(message)
    {
    }

    public CardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
