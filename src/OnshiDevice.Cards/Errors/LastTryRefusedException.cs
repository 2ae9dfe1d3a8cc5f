namespace OnshiDevice.Cards.Errors;

/// <summary>Only one try is left and the request did not allow spending it; nothing was sent.</summary>
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

    public LastTryRefusedException(int triesLeft, string message)
        : base(message)
    {
        TriesLeft = triesLeft;
    }

    public int TriesLeft { get; }
}
