namespace OnshiDevice.PcSc;

/// <summary>The card does not answer, is not powered, or its ATR is not usable.</summary>
public sealed class UnresponsiveCardException : PcscException
{
    public UnresponsiveCardException()
    {
    }

    public UnresponsiveCardException(string message)
        : base(message)
    {
    }

    public UnresponsiveCardException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnresponsiveCardException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
