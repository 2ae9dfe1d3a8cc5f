using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Contracts;

/// <summary>
/// The google.rpc.ErrorInfo of the contract (errors.proto): its domain, its metadata keys, and the
/// reason string of an <see cref="ErrorReason"/>, which is the value's name without the
/// ERROR_REASON_ prefix ("NO_CARD"). The service writes reasons and clients read them through here.
/// </summary>
public static class ContractErrors
{
    /// <summary>ErrorInfo.domain of every error the service sends.</summary>
    public const string Domain = "onshi.device";

    /// <summary>The metadata key of PIN_INCORRECT and LAST_TRY_REFUSED: the tries left, or "unknown".</summary>
    public const string TriesLeftKey = "tries_left";

    /// <summary>The metadata key of DISABLED_BY_CONFIGURATION: the configuration key that enables the call.</summary>
    public const string SettingKey = "setting";

    /// <summary>The metadata key of READER_NOT_FOUND: the names of the readers there are, joined with "\n" (never the name asked for).</summary>
    public const string ReadersKey = "readers";

    /// <summary>The metadata key of UNSUPPORTED_CARD: the card found, a CardType without its prefix (MY_NUMBER, HPKI, UNKNOWN).</summary>
    public const string CardTypeKey = "card_type";

    /// <summary>The metadata key of FACE_READER_NOT_FOUND: the configured face readers' ids, joined with "\n" (never the id asked for).</summary>
    public const string FaceReadersKey = "face_readers";

    /// <summary>The ErrorInfo.reason string of a reason ("NO_CARD").</summary>
    public static string ToWire(this ErrorReason reason) =>
        reason == ErrorReason.Unspecified
            ? throw new ArgumentOutOfRangeException(nameof(reason), "ERROR_REASON_UNSPECIFIED is never sent.")
            : ContractNames.ShortName(reason);

    /// <summary>The reason an ErrorInfo.reason string names; <see cref="ErrorReason.Unspecified"/> for none the contract defines.</summary>
    public static ErrorReason FromWire(string? reason) =>
        reason is not null && reason != ContractNames.ShortName(ErrorReason.Unspecified) && ContractNames.TryParseShortName(reason, out ErrorReason parsed)
            ? parsed
            : ErrorReason.Unspecified;

    /// <summary>The service's ErrorInfo in a failed call's status; null when the failure carries none (it never reached the service).</summary>
    public static ErrorInfo? ErrorInfoOf(RpcException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var info = failure.GetRpcStatus()?.GetDetail<ErrorInfo>();
        return info?.Domain == Domain ? info : null;
    }

    /// <summary>The service's reason for a failed call; <see cref="ErrorReason.Unspecified"/> when it carries none the contract defines.</summary>
    public static ErrorReason ReasonOf(RpcException failure) => FromWire(ErrorInfoOf(failure)?.Reason);
}
