namespace OnshiDevice.PcSc;

/// <summary>The PC/SC service is not running, has stopped, or was restarted so that the context is no longer valid. Re-establish a context, with back-off.</summary>
public sealed class PcscServiceUnavailableException : PcscException
{
    public PcscServiceUnavailableException()
    {
    }

    public PcscServiceUnavailableException(string message)
        : base(message)
    {
    }

    public PcscServiceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcscServiceUnavailableException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
