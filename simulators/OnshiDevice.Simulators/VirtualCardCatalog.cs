using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.Simulators;

/// <summary>
/// The ready-made cards by their command-line names: My Number cards and HPKI cards (<c>hpki-*</c>).
/// onshi-sim and onshi-device --simulate-card take these names.
/// </summary>
public static class VirtualCardCatalog
{
    private static readonly Dictionary<string, Func<VirtualMyNumberCard>> MyNumberCards = new(StringComparer.Ordinal)
    {
        ["standard"] = VirtualMyNumberCards.Standard,
        ["expired"] = VirtualMyNumberCards.Expired,
        ["auth-pin-blocked"] = VirtualMyNumberCards.AuthPinBlocked,
        ["one-try"] = VirtualMyNumberCards.OneTryFromBlocking,
    };

    private static readonly Dictionary<string, Func<VirtualHpkiCard>> HpkiCards = new(StringComparer.Ordinal)
    {
        ["hpki-doctor"] = VirtualHpkiCards.Doctor,
        ["hpki-pharmacist"] = VirtualHpkiCards.Pharmacist,
        ["hpki-expired"] = VirtualHpkiCards.Expired,
        ["hpki-revoked"] = VirtualHpkiCards.Revoked,
        ["hpki-one-try"] = VirtualHpkiCards.OneTryFromBlocking,
        ["hpki-no-retry-query"] = () => VirtualHpkiCards.WithoutRetryCounterQuery(),
    };

    /// <summary>Test-only misbehaviours, by command-line name; they apply to a standard card.</summary>
    private static readonly Dictionary<string, VirtualMyNumberCardFault> Faults = new(StringComparer.Ordinal)
    {
        ["none"] = VirtualMyNumberCardFault.None,
        ["auth-cert-header-overstates-length"] = VirtualMyNumberCardFault.AuthCertificateHeaderOverstatesLength,
        ["more-data-forever"] = VirtualMyNumberCardFault.MoreDataForever,
        ["garbage-atr"] = VirtualMyNumberCardFault.GarbageAtr,
        ["card-face-signature-mismatch"] = VirtualMyNumberCardFault.CardFaceSignatureMismatch,
        ["card-face-key-mismatch"] = VirtualMyNumberCardFault.CardFaceKeyMismatch,
    };

    public static IEnumerable<string> Names => MyNumberCards.Keys.Concat(HpkiCards.Keys);

    public static IEnumerable<string> MyNumberNames => MyNumberCards.Keys;

    public static IEnumerable<string> HpkiNames => HpkiCards.Keys;

    public static IEnumerable<string> FaultNames => Faults.Keys;

    public static VirtualMyNumberCard CreateMyNumber(string name) => MyNumberCards[name]();

    public static VirtualHpkiCard CreateHpki(string name) => HpkiCards[name]();

    /// <summary>The named card, or with a fault other than "none" a faulty standard My Number card.</summary>
    public static IVirtualCard Create(string name, string fault = "none")
    {
        if (Faults[fault] != VirtualMyNumberCardFault.None)
        {
            return VirtualMyNumberCards.WithFault(Faults[fault]);
        }

        return HpkiCards.TryGetValue(name, out var hpki) ? hpki() : CreateMyNumber(name);
    }

    /// <summary>The counters worth showing, e.g. "auth PIN tries 3, signing password tries 5".</summary>
    public static string DescribeTries(IVirtualCard card) => card switch
    {
        VirtualMyNumberCard myNumber => $"auth PIN tries {myNumber.AuthPinTriesLeft}, signing password tries {myNumber.SigningPasswordTriesLeft}",
        VirtualHpkiCard hpki => $"signing PIN tries {hpki.SigningPinTriesLeft}, authentication PIN tries {hpki.AuthenticationPinTriesLeft}",
        _ => "tries unknown",
    };

    public static int CommandsReceived(IVirtualCard card) => card switch
    {
        VirtualMyNumberCard myNumber => myNumber.CommandsReceived,
        VirtualHpkiCard hpki => hpki.CommandsReceived,
        _ => 0,
    };
}
