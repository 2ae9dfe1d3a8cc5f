using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.Simulators.Host;

/// <summary>The ready-made cards by their command-line names.</summary>
internal static class CardCatalog
{
    private static readonly Dictionary<string, Func<VirtualMyNumberCard>> Cards = new(StringComparer.Ordinal)
    {
        ["standard"] = VirtualMyNumberCards.Standard,
        ["expired"] = VirtualMyNumberCards.Expired,
        ["auth-pin-blocked"] = VirtualMyNumberCards.AuthPinBlocked,
        ["one-try"] = VirtualMyNumberCards.OneTryFromBlocking,
    };

    /// <summary>Test-only misbehaviours, by command-line name; they apply to a standard card.</summary>
    private static readonly Dictionary<string, VirtualMyNumberCardFault> Faults = new(StringComparer.Ordinal)
    {
        ["none"] = VirtualMyNumberCardFault.None,
        ["auth-cert-header-overstates-length"] = VirtualMyNumberCardFault.AuthCertificateHeaderOverstatesLength,
        ["more-data-forever"] = VirtualMyNumberCardFault.MoreDataForever,
        ["garbage-atr"] = VirtualMyNumberCardFault.GarbageAtr,
    };

    public static IEnumerable<string> Names => Cards.Keys;

    public static IEnumerable<string> FaultNames => Faults.Keys;

    public static VirtualMyNumberCard Create(string name) => Cards[name]();

    /// <summary>The named card, or with a fault other than "none" a faulty standard card.</summary>
    public static VirtualMyNumberCard Create(string name, string fault) =>
        Faults[fault] == VirtualMyNumberCardFault.None ? Create(name) : VirtualMyNumberCards.WithFault(Faults[fault]);
}
