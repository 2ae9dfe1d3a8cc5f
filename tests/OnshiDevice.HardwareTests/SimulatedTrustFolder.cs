using OnshiDevice.Simulators;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// The simulators' trust anchors, HPKI CA certificates and current CRLs, written once per test run to a
/// temporary folder, and the "Pki" settings that point the service at it, as clinic IT would configure it.
/// </summary>
internal static class SimulatedTrustFolder
{
    private static readonly Lazy<string> Folder = new(Create);

    /// <summary>The settings as configuration keys (Pki:TrustAnchors, ...), for a service composed in-process.</summary>
    public static IReadOnlyDictionary<string, string?> Settings() => SimulatedTrust.ServiceSettings(Folder.Value);

    /// <summary>The same settings as environment variables (Pki__TrustAnchors, ...), for the service program.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentVariables() =>
        Settings().ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value, StringComparer.Ordinal);

    private static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"onshi-trust-hil-{Guid.NewGuid():N}");
        SimulatedTrust.WriteTo(folder, DateTimeOffset.UtcNow);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temp directory.
            }
        };
        return folder;
    }
}
