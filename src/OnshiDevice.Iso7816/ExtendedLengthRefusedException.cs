namespace OnshiDevice.Iso7816;

/// <summary>
/// The transport could not carry an extended APDU (the reader failed the exchange), so the card never
/// saw it. <see cref="ExtendedLengthFallbackChannel"/> sends such a command again in short APDUs.
/// </summary>
public sealed class ExtendedLengthRefusedException : Iso7816Exception
{
    public ExtendedLengthRefusedException()
    {
    }

    public ExtendedLengthRefusedException(string message)
        : base(message)
    {
    }

    public ExtendedLengthRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
