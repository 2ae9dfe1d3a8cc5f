namespace OnshiDevice.PcSc;

/// <summary>Another handle reset the card; state on the card (selected file, verified PIN) is lost.</summary>
public sealed class CardResetException : PcscException
{
    public CardResetException()
    {
    }

    public CardResetException(string message)
        : base(message)
    {
    }

    public CardResetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CardResetException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
