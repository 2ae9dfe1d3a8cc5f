namespace OnshiDevice.Service.Errors;

/// <summary>Another desk already attends the face reader (CheckIn.AttendCheckIns); one desk attends a reader at a time.</summary>
public sealed class ReaderAttendedException : Exception
{
    public ReaderAttendedException()
    {
    }

    public ReaderAttendedException(string message)
        : base(message)
    {
    }

    public ReaderAttendedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
