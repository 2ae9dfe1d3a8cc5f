using OnshiDevice.Simulators;

namespace OnshiDevice.TestSupport;

/// <summary>
/// The simulators' trust anchors, HPKI CA certificates and current CRLs, written once per test run to a
/// temporary folder, and the "Pki" settings that point the service at it, as clinic IT would configure it.
/// </summary>
public static class SimulatedTrustFolder
{
    private static readonly Lazy<TemporarySimulatedTrust> Trust = new(() =>
    {
        var trust = TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => trust.Dispose();
        return trust;
    });

    /// <summary>The settings as configuration keys (Pki:TrustAnchors:JpkiAuthentication, ...), for a service composed in-process.</summary>
    public static IReadOnlyDictionary<string, string?> Settings() => Trust.Value.ServiceSettings;

    /// <summary>The same settings as environment variables (Pki__TrustAnchors, ...), for the service program.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentVariables() =>
        Settings().ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value, StringComparer.Ordinal);
}
