namespace OnshiDevice.Iso7816;

/// <summary>Bytes that are not valid (definite-length) BER-TLV: truncated, overlong or with an unsupported form.</summary>
public sealed class BerTlvException : Iso7816Exception
{
    public BerTlvException()
    {
    }

    public BerTlvException(string message)
        : base(message)
    {
    }

    public BerTlvException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
