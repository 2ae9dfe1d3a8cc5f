namespace OnshiDevice.PcSc;

/// <summary>Another application holds the card exclusively or in a transaction.</summary>
public sealed class SharingViolationException : PcscException
{
    public SharingViolationException()
    {
    }

    public SharingViolationException(string message)
        : base(message)
    {
    }

    public SharingViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SharingViolationException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
