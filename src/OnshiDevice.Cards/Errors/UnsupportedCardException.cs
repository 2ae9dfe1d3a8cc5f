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

    /// <summary>What the card on the reader is, by the applications it answers; null when nobody looked.</summary>
    public CardType? Found { get; init; }

    /// <summary>The same refusal, naming the card that was found.</summary>
    public UnsupportedCardException WithFound(CardType found) => new(Message, this) { Found = found };
}
