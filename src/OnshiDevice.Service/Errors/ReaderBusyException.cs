namespace OnshiDevice.Service.Errors;

/// <summary>Another call held the reader for longer than this call could wait.</summary>
public sealed class ReaderBusyException : Exception
{
    public ReaderBusyException()
    {
    }

    public ReaderBusyException(string message)
        : base(message)
    {
    }

    public ReaderBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
