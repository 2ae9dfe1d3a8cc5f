namespace OnshiDevice.PcSc;

/// <summary>A PC/SC wait was cancelled with SCardCancel.</summary>
public sealed class PcscCancelledException : PcscException
{
    public PcscCancelledException()
    {
    }

    public PcscCancelledException(string message)
        : base(message)
    {
    }

    public PcscCancelledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcscCancelledException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
