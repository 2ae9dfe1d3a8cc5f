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

    public static IEnumerable<string> Names => Cards.Keys;

    public static VirtualMyNumberCard Create(string name) => Cards[name]();
}
