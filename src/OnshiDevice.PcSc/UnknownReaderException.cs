namespace OnshiDevice.PcSc;

/// <summary>The named reader does not exist or is not available now (it may have been unplugged).</summary>
public sealed class UnknownReaderException : PcscException
{
    public UnknownReaderException()
    {
    }

    public UnknownReaderException(string message)
        : base(message)
    {
    }

    public UnknownReaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownReaderException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
