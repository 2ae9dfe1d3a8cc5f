using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli;

/// <summary>
/// How `onshi` tells a person which characters a PIN takes when the service refused one as INVALID_PIN_FORMAT.
/// The rule itself is the service's (OnshiDevice.Cards PinFormat, which also reads full-width forms as
/// half-width): the CLI sends what was typed and only words the refusal, in the user's language.
/// </summary>
internal static class PinEntryRules
{
    /// <summary>"4 digits 0-9" and its kin: what the PIN of this kind is made of.</summary>
    public static string Allowed(PinKind kind) => kind switch
    {
        PinKind.JpkiAuthPin => PinEntry.RuleJpkiAuth,
        PinKind.JpkiSigningPassword => PinEntry.RuleJpkiSigning,
        PinKind.HpkiSigningPin or PinKind.HpkiAuthPin => PinEntry.RuleHpki,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No PIN of this kind."),
    };

    /// <summary>The one sentence for a refused entry: which PIN, what it is made of, and that no try was spent.</summary>
    public static string Refused(PinKind kind) => Text.Format(PinEntry.Refused, NameOf(kind), Allowed(kind));

    /// <summary>True when the service refused the PIN's format (no try spent).</summary>
    public static bool IsFormatRefusal(RpcException failure) =>
        ContractErrors.FromWire(ContractErrors.ErrorInfoOf(failure)?.Reason) == ErrorReason.InvalidPinFormat;

    private static string NameOf(PinKind kind) => kind switch
    {
        PinKind.JpkiAuthPin => PinEntry.NameJpkiAuth,
        PinKind.JpkiSigningPassword => PinEntry.NameJpkiSigning,
        _ => PinEntry.NameHpki,
    };
}
