namespace OnshiDevice.Cards.Errors;

/// <summary>
/// Only one try is left (or the card does not tell how many, so the next may be the last) and the
/// request did not allow spending it; nothing was sent.
/// </summary>
public sealed class LastTryRefusedException : CardException
{
    public LastTryRefusedException()
    {
    }

    public LastTryRefusedException(string message)
        : base(message)
    {
    }

    public LastTryRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LastTryRefusedException(int? triesLeft, string message)
        : base(message)
    {
        TriesLeft = triesLeft;
    }

    /// <summary>1, or null when the card does not report its tries.</summary>
    public int? TriesLeft { get; }
}
