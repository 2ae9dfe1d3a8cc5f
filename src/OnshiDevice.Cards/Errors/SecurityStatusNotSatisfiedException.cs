namespace OnshiDevice.Cards.Errors;

/// <summary>The card wants a PIN verified first (6982).</summary>
public sealed class SecurityStatusNotSatisfiedException : CardException
{
    public SecurityStatusNotSatisfiedException()
    {
    }

    public SecurityStatusNotSatisfiedException(string message)
        : base(message)
    {
    }

    public SecurityStatusNotSatisfiedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
