namespace OnshiDevice.PcSc;

/// <summary>There is no card in the reader, or it was removed while in use.</summary>
public sealed class CardRemovedException : PcscException
{
    public CardRemovedException()
    {
    }

    public CardRemovedException(string message)
        : base(message)
    {
    }

    public CardRemovedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CardRemovedException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
