using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The simulators' trust anchors, CA certificates and current CRLs written once per test run to a
/// temporary folder, and the "Pki" settings that point the service at it, as a clinic would configure it.
/// </summary>
internal static class SimulatedTrustFolder
{
    private static readonly Lazy<TemporarySimulatedTrust> Trust = new(() =>
    {
        var trust = TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => trust.Dispose();
        return trust;
    });

    public static IReadOnlyDictionary<string, string?> Settings() => Trust.Value.ServiceSettings;
}
