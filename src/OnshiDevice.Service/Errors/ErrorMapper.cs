using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.Service.Errors;

/// <summary>
/// The one place where failures become gRPC statuses (docs/ERRORS.md is the table).
/// Messages of card and PC/SC failures are replaced by fixed texts: they are safe to show a
/// client and never carry a PIN, a certificate or a native detail.
/// </summary>
public static class ErrorMapper
{
    public static MappedError Map(Exception exception, bool clientCancelled = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RpcException rpc => new MappedError(rpc.StatusCode, ReasonOf(rpc.StatusCode), rpc.Status.Detail),
            RequestValidationException invalid => new MappedError(StatusCode.InvalidArgument, invalid.Reason, invalid.Message) { Field = invalid.Field },
            ReaderNotFoundException notFound => new MappedError(StatusCode.NotFound, ErrorReasons.ReaderNotFound, "There is no reader of that name; list the readers again.")
            {
                Metadata = new Dictionary<string, string> { [ContractErrors.ReadersKey] = ReaderList(notFound.Readers) },
            },
            DisabledByConfigurationException disabled => new MappedError(StatusCode.FailedPrecondition, ErrorReasons.DisabledByConfiguration, disabled.Message)
            {
                Metadata = new Dictionary<string, string> { [ErrorReasons.SettingKey] = disabled.Setting },
            },
            Callers.CallerNotAuthenticatedException unauthenticated => new MappedError(StatusCode.Unauthenticated, ErrorReasons.CallerNotAuthenticated, unauthenticated.Message),
            WatchLimitReachedException limit => new MappedError(StatusCode.ResourceExhausted, ErrorReasons.WatchLimitReached, limit.Message)
            {
                Metadata = new Dictionary<string, string> { [ErrorReasons.SettingKey] = Readers.ReaderHub.MaxWatchStreamsSetting },
            },
            WatcherTooSlowException slow => new MappedError(StatusCode.ResourceExhausted, ErrorReasons.WatcherTooSlow, slow.Message),
            ServiceStoppingException stopping => new MappedError(StatusCode.Unavailable, ErrorReasons.ServiceStopping, stopping.Message),
            ReaderAttendedException attended => new MappedError(StatusCode.FailedPrecondition, ErrorReasons.ReaderAttended, attended.Message),
            FaceReaderNotFoundException notFound => new MappedError(StatusCode.NotFound, ErrorReasons.FaceReaderNotFound, "No face reader of that id is configured; list the face readers again.")
            {
                Metadata = new Dictionary<string, string> { [ErrorReasons.FaceReadersKey] = string.Join('\n', notFound.FaceReaders) },
            },
            CardPresentException present => new MappedError(StatusCode.FailedPrecondition, ErrorReasons.CardPresent, present.Message),
            ReaderBusyException busy => new MappedError(StatusCode.Unavailable, ErrorReasons.ReaderBusy, busy.Message),
            CallDeadlineExceededException late => new MappedError(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, late.Message),
            OperationCanceledException when clientCancelled => new MappedError(StatusCode.Cancelled, ErrorReasons.Cancelled, "The client cancelled the call."),
            OperationCanceledException => new MappedError(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, "The call did not finish before its deadline."),
            UnsupportedCardException unsupported => new MappedError(StatusCode.FailedPrecondition, ErrorReasons.UnsupportedCard, "The card on the reader does not hold the application this call needs.")
            {
                Metadata = new Dictionary<string, string>
                {
                    [ContractErrors.CardTypeKey] = ContractNames.ShortName(Cards.ContractMapping.ToContract(unsupported.Found ?? OnshiDevice.Cards.CardType.Unknown)),
                },
            },
            PinIncorrectException incorrect => new MappedError(
                StatusCode.PermissionDenied,
                ErrorReasons.PinIncorrect,
                incorrect.TriesLeft is { } left ? $"The PIN is incorrect; {left} tries left." : "The PIN is incorrect; the card does not say how many tries are left.")
            {
                Metadata = TriesLeft(incorrect.TriesLeft),
            },
            PinBlockedException => new MappedError(StatusCode.PermissionDenied, ErrorReasons.PinBlocked, "The PIN is blocked."),
            LastTryRefusedException refused => new MappedError(
                StatusCode.FailedPrecondition,
                ErrorReasons.LastTryRefused,
                refused.TriesLeft is null
                    ? "The card does not report its tries left, so this may be the last; set allow_last_try to spend it."
                    : "Only one try is left; set allow_last_try to spend it.")
            {
                Metadata = TriesLeft(refused.TriesLeft),
            },
            InvalidPinFormatException => new MappedError(StatusCode.InvalidArgument, ErrorReasons.InvalidPinFormat, "The PIN does not have the length or characters the card accepts.") { Field = "pin" },
            SecurityStatusNotSatisfiedException => new MappedError(StatusCode.PermissionDenied, ErrorReasons.SecurityStatusNotSatisfied, "The card wants a PIN verified first."),
            CardProtocolException or Iso7816Exception => CardError(),
            PcscException pcsc => MapPcsc(pcsc),
            _ => new MappedError(StatusCode.Internal, ErrorReasons.Internal, "Internal error.") { IsUnexpected = true },
        };
    }

    /// <summary>The most reader names READER_NOT_FOUND lists, and the longest name it lists (PC/SC's own limit is 128).</summary>
    public const int MaxListedReaders = 32;

    public const int MaxListedReaderName = 128;

    /// <summary>The readers for READER_NOT_FOUND's metadata, bounded so the trailers stay small: the first 32 names of at most 128 characters.</summary>
    private static string ReaderList(IReadOnlyList<string> readers) =>
        string.Join('\n', readers.Where(name => name.Length <= MaxListedReaderName && !name.Contains('\n', StringComparison.Ordinal)).Take(MaxListedReaders));

    /// <summary>The RpcException for a failure, with an ErrorInfo detail (and a BadRequest detail for a bad field).</summary>
    public static RpcException ToRpcException(Exception exception, bool clientCancelled = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is RpcException rpc)
        {
            return rpc;
        }

        return ToRpcException(Map(exception, clientCancelled));
    }

    /// <summary>
    /// A failure grpc-dotnet reported with a bare status while reading the request, before any
    /// interceptor ran (see <see cref="RequestReadFailures"/>); null for any other status. Nothing of
    /// the request is echoed, and the parser's own message is dropped.
    /// </summary>
    public static MappedError? MapRequestReadFailure(Grpc.Core.Status status) => status switch
    {
        // grpc-dotnet's "Received message exceeds the maximum configured message size" (the service sets no send limit).
        { StatusCode: StatusCode.ResourceExhausted } => new MappedError(
            StatusCode.ResourceExhausted,
            ErrorReasons.RequestTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"The request message is larger than {RequestValidator.MaxRequestMessageBytes} bytes.")),

        // The deserializer threw: not protobuf of the call's request type, or a string that is not valid UTF-8.
        { StatusCode: StatusCode.Unknown, DebugException: InvalidProtocolBufferException } => new MappedError(
            StatusCode.InvalidArgument,
            ErrorReasons.MalformedRequest,
            "The request is not a valid protobuf message of this call's type, or one of its strings is not valid UTF-8."),
        _ => null,
    };

    public static RpcException ToRpcException(MappedError error) => ToStatus(error).ToRpcException();

    /// <summary>The google.rpc.Status of a failure: its code and message, an ErrorInfo, and a BadRequest for a bad field.</summary>
    public static Google.Rpc.Status ToStatus(MappedError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var info = new ErrorInfo { Reason = error.Reason.ToWire(), Domain = ErrorReasons.Domain };
        foreach (var (key, value) in error.Metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)error.Code,
            Message = error.Message,
            Details = { Any.Pack(info) },
        };
        if (error.Field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = error.Field, Description = error.Message } },
            }));
        }

        return status;
    }

    private static MappedError MapPcsc(PcscException exception) => exception.ErrorCode switch
    {
        PcscErrorCode.NoSmartcard => new MappedError(StatusCode.FailedPrecondition, ErrorReasons.NoCard, "There is no card on the reader."),
        PcscErrorCode.RemovedCard => new MappedError(StatusCode.Unavailable, ErrorReasons.CardRemoved, "The card was removed during the call."),
        PcscErrorCode.UnknownReader or PcscErrorCode.ReaderUnavailable => new MappedError(StatusCode.NotFound, ErrorReasons.ReaderNotFound, "PC/SC does not know the reader."),
        PcscErrorCode.SharingViolation => new MappedError(StatusCode.Unavailable, ErrorReasons.ReaderBusy, "Another application holds the card."),
        PcscErrorCode.NoService or PcscErrorCode.ServiceStopped or PcscErrorCode.NoReadersAvailable or PcscErrorCode.InvalidHandle or PcscErrorCode.Shutdown
            => new MappedError(StatusCode.Unavailable, ErrorReasons.PcscUnavailable, "The PC/SC service is not available."),
        PcscErrorCode.Cancelled => new MappedError(StatusCode.Cancelled, ErrorReasons.Cancelled, "The PC/SC call was cancelled."),
        _ => MapPcscType(exception),
    };

    // For exceptions raised without a PC/SC code (the binding's own checks).
    private static MappedError MapPcscType(PcscException exception) => exception switch
    {
        PcscServiceUnavailableException or NoReadersException => new MappedError(StatusCode.Unavailable, ErrorReasons.PcscUnavailable, "The PC/SC service is not available."),
        UnknownReaderException => new MappedError(StatusCode.NotFound, ErrorReasons.ReaderNotFound, "PC/SC does not know the reader."),
        CardRemovedException => new MappedError(StatusCode.Unavailable, ErrorReasons.CardRemoved, "The card was removed during the call."),
        SharingViolationException => new MappedError(StatusCode.Unavailable, ErrorReasons.ReaderBusy, "Another application holds the card."),
        PcscCancelledException => new MappedError(StatusCode.Cancelled, ErrorReasons.Cancelled, "The PC/SC call was cancelled."),
        _ => CardError(),
    };

    private static MappedError CardError() =>
        new(StatusCode.Unavailable, ErrorReasons.CardError, "The card or reader did not answer as expected; take the card off the reader and place it again.");

    // "unknown" when the card does not report its counter.
    private static Dictionary<string, string> TriesLeft(int? triesLeft) =>
        new() { [ErrorReasons.TriesLeftKey] = triesLeft?.ToString(CultureInfo.InvariantCulture) ?? "unknown" };

    private static ErrorReason ReasonOf(StatusCode code) => code switch
    {
        StatusCode.DeadlineExceeded => ErrorReasons.DeadlineExceeded,
        StatusCode.Cancelled => ErrorReasons.Cancelled,
        StatusCode.InvalidArgument => ErrorReasons.InvalidArgument,
        _ => ErrorReasons.Internal,
    };
}
