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
    public static PcscException FromCode(PcscErrorCode errorCode, string operation) => throw new NotImplementedException();
}
