namespace OnshiDevice.PcSc;

/// <summary>Talking to the card failed at the transport level (communication error, protocol mismatch, transaction lost).</summary>
public sealed class PcscCommunicationException : PcscException
{
    public PcscCommunicationException()
    {
    }

    public PcscCommunicationException(string message)
        : base(message)
    {
    }

    public PcscCommunicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcscCommunicationException(PcscErrorCode errorCode, string operation)
        : base(errorCode, operation)
    {
    }
}
