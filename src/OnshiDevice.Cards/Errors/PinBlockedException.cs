namespace OnshiDevice.Cards.Errors;

/// <summary>The PIN is blocked; the card refuses every VERIFY.</summary>
public sealed class PinBlockedException : CardException
{
    public PinBlockedException()
    {
    }

    public PinBlockedException(string message)
        : base(message)
    {
    }

    public PinBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
