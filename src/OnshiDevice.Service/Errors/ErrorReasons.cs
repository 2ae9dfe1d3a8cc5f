using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Errors;

/// <summary>
/// The ErrorInfo reasons the service raises: each is a value of the contract's ErrorReason enum
/// (errors.proto, docs/ERRORS.md), sent on the wire as its name without the ERROR_REASON_ prefix
/// (<see cref="ContractErrors.ToWire"/>). A reason not in the enum cannot be raised.
/// </summary>
public static class ErrorReasons
{
    public const string Domain = ContractErrors.Domain;

    public const ErrorReason NoCard = ErrorReason.NoCard;
    public const ErrorReason CardRemoved = ErrorReason.CardRemoved;
    public const ErrorReason UnsupportedCard = ErrorReason.UnsupportedCard;
    public const ErrorReason PinIncorrect = ErrorReason.PinIncorrect;
    public const ErrorReason PinBlocked = ErrorReason.PinBlocked;
    public const ErrorReason LastTryRefused = ErrorReason.LastTryRefused;
    public const ErrorReason ReaderNotFound = ErrorReason.ReaderNotFound;
    public const ErrorReason ReaderBusy = ErrorReason.ReaderBusy;
    public const ErrorReason PcscUnavailable = ErrorReason.PcscUnavailable;
    public const ErrorReason CardError = ErrorReason.CardError;
    public const ErrorReason SecurityStatusNotSatisfied = ErrorReason.SecurityStatusNotSatisfied;
    public const ErrorReason InvalidPinFormat = ErrorReason.InvalidPinFormat;
    public const ErrorReason InvalidArgument = ErrorReason.InvalidArgument;
    public const ErrorReason DeadlineExceeded = ErrorReason.DeadlineExceeded;
    public const ErrorReason Cancelled = ErrorReason.Cancelled;
    public const ErrorReason Internal = ErrorReason.Internal;
    public const ErrorReason RequestTooLarge = ErrorReason.RequestTooLarge;
    public const ErrorReason MalformedRequest = ErrorReason.MalformedRequest;
    public const ErrorReason DisabledByConfiguration = ErrorReason.DisabledByConfiguration;
    public const ErrorReason WatchLimitReached = ErrorReason.WatchLimitReached;
    public const ErrorReason WatcherTooSlow = ErrorReason.WatcherTooSlow;
    public const ErrorReason CallerNotAuthenticated = ErrorReason.CallerNotAuthenticated;

    public const ErrorReason ServiceStopping = ErrorReason.ServiceStopping;

    public const ErrorReason CardPresent = ErrorReason.CardPresent;

    public const ErrorReason ReaderAttended = ErrorReason.ReaderAttended;

    public const ErrorReason FaceReaderNotFound = ErrorReason.FaceReaderNotFound;

    /// <summary>The ErrorInfo metadata key of FACE_READER_NOT_FOUND: the configured face readers' ids, joined with "\n".</summary>
    public const string FaceReadersKey = ContractErrors.FaceReadersKey;

    /// <summary>The ErrorInfo metadata key that carries the tries left of a PIN.</summary>
    public const string TriesLeftKey = ContractErrors.TriesLeftKey;

    /// <summary>The ErrorInfo metadata key of DISABLED_BY_CONFIGURATION: the configuration key that enables the call.</summary>
    public const string SettingKey = ContractErrors.SettingKey;
}
