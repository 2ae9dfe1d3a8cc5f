namespace OnshiDevice.Service.Errors;

/// <summary>The google.rpc.ErrorInfo reasons of the public contract (see cards.proto and docs/ERRORS.md).</summary>
public static class ErrorReasons
{
    public const string Domain = "onshi.device";

    public const string NoCard = "NO_CARD";
    public const string CardRemoved = "CARD_REMOVED";
    public const string UnsupportedCard = "UNSUPPORTED_CARD";
    public const string PinIncorrect = "PIN_INCORRECT";
    public const string PinBlocked = "PIN_BLOCKED";
    public const string LastTryRefused = "LAST_TRY_REFUSED";
    public const string ReaderNotFound = "READER_NOT_FOUND";
    public const string ReaderBusy = "READER_BUSY";
    public const string PcscUnavailable = "PCSC_UNAVAILABLE";
    public const string CardError = "CARD_ERROR";
    public const string SecurityStatusNotSatisfied = "SECURITY_STATUS_NOT_SATISFIED";
    public const string InvalidPinFormat = "INVALID_PIN_FORMAT";
    public const string InvalidArgument = "INVALID_ARGUMENT";
    public const string DisabledByConfiguration = "DISABLED_BY_CONFIGURATION";
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";
    public const string Cancelled = "CANCELLED";
    public const string Internal = "INTERNAL";

    /// <summary>The ErrorInfo metadata key that carries the tries left of a PIN.</summary>
    public const string TriesLeftKey = "tries_left";

    /// <summary>The ErrorInfo metadata key of DISABLED_BY_CONFIGURATION: the configuration key that enables the call.</summary>
    public const string SettingKey = "setting";
}
