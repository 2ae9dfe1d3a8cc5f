namespace OnshiDevice.Cards.Errors;

/// <summary>The card answered in a way its profile does not allow (unexpected status word, bad length, a lying DER header).</summary>
public sealed class CardProtocolException : CardException
{
    public CardProtocolException()
    {
    }

    public CardProtocolException(string message)
        : base(message)
    {
    }

    public CardProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
