using System.Globalization;
using Google.Rpc;
using System.Runtime.InteropServices;
using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli;

/// <summary>
/// What the CLI says for a reason the service sent, in the CLI's language, from Resources/Reasons.resx (one text
/// per <see cref="ErrorReason"/>, named as its member) and the ErrorInfo metadata. A reason this CLI does not know
/// (a newer service) is shown with the service's own message.
/// </summary>
internal static class ServiceErrorText
{
    public static string Of(RpcException rpc, string serviceMessage)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var info = ContractErrors.ErrorInfoOf(rpc);
        var reason = ContractErrors.FromWire(info?.Reason);
        if (reason == ErrorReason.Unspecified || info is null)
        {
            return serviceMessage;
        }

        string? Metadata(string key) => info.Metadata.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        return reason switch
        {
            ErrorReason.PinIncorrect or ErrorReason.LastTryRefused => TriesLeft(reason, Metadata(ContractErrors.TriesLeftKey)),
            ErrorReason.DisabledByConfiguration or ErrorReason.WatchLimitReached when Metadata(ContractErrors.SettingKey) is { } setting =>
                Text.Format(Of(reason), setting),
            ErrorReason.DisabledByConfiguration or ErrorReason.WatchLimitReached => serviceMessage,
            ErrorReason.ReaderNotFound => ReaderNotFound(info.Metadata.TryGetValue(ContractErrors.ReadersKey, out var readers) ? readers : null),
            ErrorReason.FaceReaderNotFound => FaceReaderNotFound(info.Metadata.TryGetValue(ContractErrors.FaceReadersKey, out var faceReaders) ? faceReaders : null),
            ErrorReason.UnsupportedCard when Metadata(ContractErrors.CardTypeKey) is { } found =>
                Text.Format(Reasons.UnsupportedCardFound, CardTypeName(found)),
            ErrorReason.PcscUnavailable => PcscUnavailable(),
            ErrorReason.InvalidArgument => Text.Format(Of(reason), FieldOf(rpc) ?? serviceMessage),
            _ => Of(reason),
        };
    }

    /// <summary>The text of a reason as such, without metadata.</summary>
    public static string Of(ErrorReason reason) =>
        Reasons.ResourceManager.GetString(reason.ToString(), CultureInfo.CurrentUICulture)
        ?? throw new InvalidOperationException($"Resources/Reasons.resx has no text for {reason}.");

    /// <summary>The card type's name in the CLI's language; a type this CLI does not know reads as unknown.</summary>
    public static string CardTypeName(string wireName) =>
        ContractNames.TryParseShortName(wireName, out CardType type) ? CardTypeName(type) : Reasons.CardTypeUnknown;

    public static string CardTypeName(CardType type) => type switch
    {
        CardType.MyNumber => Reasons.CardTypeMyNumber,
        CardType.Hpki => Reasons.CardTypeHpki,
        _ => Reasons.CardTypeUnknown,
    };

    /// <summary>How to start PC/SC on the system the CLI runs on (the service runs on the same PC but for the clinic LAN).</summary>
    public static string PcscUnavailable() => PcscUnavailable(
        OperatingSystem.IsLinux() ? OSPlatform.Linux : OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : null);

    internal static string PcscUnavailable(OSPlatform? system) =>
        system == OSPlatform.Linux ? Reasons.PcscUnavailableLinux
        : system == OSPlatform.Windows ? Reasons.PcscUnavailableWindows
        : system == OSPlatform.OSX ? Reasons.PcscUnavailableMacOs
        : Reasons.PcscUnavailable;

    private static string TriesLeft(ErrorReason reason, string? triesLeft) =>
        int.TryParse(triesLeft, NumberStyles.None, CultureInfo.InvariantCulture, out var left)
            ? Text.Format(Of(reason), left.ToString(CultureInfo.InvariantCulture))
            : reason == ErrorReason.PinIncorrect ? Reasons.PinIncorrectTriesUnknown : Reasons.LastTryRefusedTriesUnknown;

    private static string ReaderNotFound(string? readers)
    {
        if (readers is null)
        {
            return Reasons.ReaderNotFound;
        }

        var names = readers.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return names.Length == 0 ? Reasons.ReaderNotFoundNoReaders : Text.Format(Reasons.ReaderNotFoundReaders, string.Join(", ", names));
    }

    private static string FaceReaderNotFound(string? faceReaders)
    {
        if (faceReaders is null)
        {
            return Reasons.FaceReaderNotFound;
        }

        var ids = faceReaders.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return ids.Length == 0 ? Reasons.FaceReaderNotFoundNoReaders : Text.Format(Reasons.FaceReaderNotFoundReaders, string.Join(", ", ids));
    }

    private static string? FieldOf(RpcException rpc) =>
        rpc.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field;
}
