namespace OnshiDevice.Simulators;

/// <summary>
/// <see cref="SimulatedTrust"/> written to a fresh folder under the temporary directory, with the
/// service settings that point at it; the folder goes on <see cref="Dispose"/>. For simulated
/// services and tests, which need the trust on disk exactly as a clinic configures it.
/// </summary>
public sealed class TemporarySimulatedTrust : IDisposable
{
    private TemporarySimulatedTrust(string folder)
    {
        Folder = folder;
        ServiceSettings = SimulatedTrust.ServiceSettings(folder);
    }

    public string Folder { get; }

    /// <summary>The "Pki" configuration keys that make the device service trust <see cref="Folder"/>.</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings { get; }

    /// <summary>Writes the trust as of <paramref name="now"/> (the CRLs are current from then for a week).</summary>
    public static TemporarySimulatedTrust Create(DateTimeOffset now)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"onshi-simulated-trust-{Guid.NewGuid():N}");
        SimulatedTrust.WriteTo(folder, now);
        return new TemporarySimulatedTrust(folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temporary directory.
        }
    }
}
