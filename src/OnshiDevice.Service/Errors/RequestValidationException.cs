using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Errors;

/// <summary>A request field is missing or malformed; raised before any card is touched. The message never contains a PIN.</summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException()
    {
    }

    public RequestValidationException(string message)
        : base(message)
    {
    }

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RequestValidationException(string field, string description, ErrorReason reason = ErrorReasons.InvalidArgument)
        : base($"{field}: {description}")
    {
        Field = field;
        Description = description;
        Reason = reason;
    }

    public string Field { get; } = "";

    public string Description { get; } = "";

    public ErrorReason Reason { get; } = ErrorReasons.InvalidArgument;
}
