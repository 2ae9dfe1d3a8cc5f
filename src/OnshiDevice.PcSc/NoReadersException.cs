namespace OnshiDevice.PcSc;

/// <summary>No reader is attached (SCARD_E_NO_READERS_AVAILABLE).</summary>
public sealed class NoReadersException : PcscException
{
    public NoReadersException()
    {
    }

    public NoReadersException(string message)
        : base(message)
    {
    }

    public NoReadersException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NoReadersException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
