namespace OnshiDevice.ClinicCa;

/// <summary>A clinic CA operation that cannot go ahead; the message is one line that says what to do.</summary>
public sealed class ClinicCaException : Exception
{
    public ClinicCaException(string message)
        : base(message)
    {
    }

    public ClinicCaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClinicCaException()
    {
    }
}
