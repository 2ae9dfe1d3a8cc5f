namespace OnshiDevice.PcSc;

/// <summary>A PC/SC call failed. Subclasses name the failures callers handle differently.</summary>
public class PcscException : Exception
{
    public PcscException()
    {
    }

    public PcscException(string message)
        : base(message)
    {
    }

    public PcscException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PcscException(PcscErrorCode errorCode, string operation)
        : base($"{operation} failed: {errorCode} (0x{(uint)errorCode:X8})")
    {
        ErrorCode = errorCode;
        Operation = operation;
    }

    public PcscErrorCode ErrorCode { get; }

    public string Operation { get; } = "";

    /// <summary>The typed exception for a PC/SC return code.</summary>
    /// <param name="errorCode">What the call returned; must not be <see cref="PcscErrorCode.Success"/>.</param>
    /// <param name="operation">The call that failed ("SCardTransmit"), for the message; never data.</param>
    public static PcscException FromCode(PcscErrorCode errorCode, string operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return errorCode switch
        {
            PcscErrorCode.NoService or PcscErrorCode.ServiceStopped => new PcscServiceUnavailableException(errorCode, operation),
            PcscErrorCode.NoReadersAvailable => new NoReadersException(errorCode, operation),
            PcscErrorCode.UnknownReader or PcscErrorCode.ReaderUnavailable => new UnknownReaderException(errorCode, operation),
            PcscErrorCode.RemovedCard or PcscErrorCode.NoSmartcard => new CardRemovedException(errorCode, operation),
            PcscErrorCode.ResetCard => new CardResetException(errorCode, operation),
            PcscErrorCode.SharingViolation => new SharingViolationException(errorCode, operation),
            PcscErrorCode.Timeout => new PcscTimeoutException(errorCode, operation),
            PcscErrorCode.Cancelled => new PcscCancelledException(errorCode, operation),
            PcscErrorCode.UnresponsiveCard or PcscErrorCode.UnpoweredCard or PcscErrorCode.UnsupportedCard
                => new UnresponsiveCardException(errorCode, operation),
            PcscErrorCode.CommError or PcscErrorCode.NotTransacted or PcscErrorCode.ProtocolMismatch
                => new PcscCommunicationException(errorCode, operation),
            _ => new PcscException(errorCode, operation),
        };
    }

    /// <summary>
    /// Like <see cref="FromCode"/>, for calls on a context handle: a context handle the service no
    /// longer knows (pcscd or the Windows service restarted underneath it) reads as the service
    /// being unavailable, because the cure is the same: establish a new context.
    /// </summary>
    public static PcscException FromContextCode(PcscErrorCode errorCode, string operation) =>
        errorCode == PcscErrorCode.InvalidHandle
            ? new PcscServiceUnavailableException(errorCode, operation)
            : FromCode(errorCode, operation);
}
