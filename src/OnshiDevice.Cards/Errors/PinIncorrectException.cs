namespace OnshiDevice.Cards.Errors;

/// <summary>The PIN was wrong; the card counted a try (and may not say how many are left).</summary>
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

    public PinIncorrectException(int? triesLeft, string message)
        : base(message)
    {
        TriesLeft = triesLeft;
    }

    /// <summary>Tries left, or null when the card answered 6300 without a count.</summary>
    public int? TriesLeft { get; }
}
