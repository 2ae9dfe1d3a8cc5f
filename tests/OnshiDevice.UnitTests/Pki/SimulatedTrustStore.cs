using OnshiDevice.Pki;
using OnshiDevice.Simulators;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>A trust store loaded from a <see cref="SimulatedTrust"/> folder through the same settings the service reads.</summary>
internal static class SimulatedTrustStore
{
    public static TrustStore Load(string folder)
    {
        var settings = SimulatedTrust.ServiceSettings(folder);
        const string prefix = "Pki:TrustAnchors:";
        var anchors = settings
            .Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(entry => Enum.Parse<CertificatePurpose>(entry.Key[prefix.Length..]), entry => entry.Value!);
        return TrustStore.Load(anchors, settings["Pki:Intermediates"]);
    }
}
