namespace OnshiDevice.Service.Errors;

/// <summary>The reader holds a card where the call needs an empty one (a simulated reader a card is put into).</summary>
public sealed class CardPresentException : Exception
{
    public CardPresentException()
        : base("The reader already holds a card; take it out first, or swap it.")
    {
    }

    public CardPresentException(string message)
        : base(message)
    {
    }

    public CardPresentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
