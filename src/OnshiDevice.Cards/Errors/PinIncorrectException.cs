namespace OnshiDevice.Cards.Errors;

/// <summary>The PIN was wrong; the card counted a try.</summary>
public sealed class PinIncorrectException : CardException
{
    public PinIncorrectException()
    {
    }

    public PinIncorrectException(string message)
        : base(message)
    {
    }

    public PinIncorrectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PinIncorrectException(int triesLeft, string message)
        : base(message)
    {
        TriesLeft = triesLeft;
    }

    public int TriesLeft { get; }
}
