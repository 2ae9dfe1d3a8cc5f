using OnshiDevice.Simulators;

namespace OnshiDevice.IntegrationTests;

/// <summary>
/// The simulators' trust anchors, CA certificates and current CRLs written once per test run to a
/// temporary folder, and the "Pki" settings that point the service at it, as a clinic would configure it.
/// </summary>
internal static class SimulatedTrustFolder
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string Path => Folder.Value;

    public static IReadOnlyDictionary<string, string?> Settings() => SimulatedTrust.ServiceSettings(Folder.Value);

    /// <summary>A fresh folder with the simulators' trust written as of <paramref name="now"/>; the caller deletes it.</summary>
    public static string CreateAt(DateTimeOffset now)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"onshi-trust-test-{Guid.NewGuid():N}");
        SimulatedTrust.WriteTo(folder, now);
        return folder;
    }

    private static string Create()
    {
        var folder = CreateAt(DateTimeOffset.UtcNow);
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
