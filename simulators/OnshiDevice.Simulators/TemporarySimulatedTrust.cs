namespace OnshiDevice.Simulators;

/// <summary>
/// <see cref="SimulatedTrust"/> written to a fresh folder under the temporary directory, with the
/// service settings that point at it; the folder goes on <see cref="Dispose"/>. For simulated
/// services and tests, which need the trust on disk exactly as a clinic configures it.
/// </summary>
public sealed class TemporarySimulatedTrust : IDisposable
{
    private TemporarySimulatedTrust(string folder, Task written)
    {
        Folder = folder;
        ServiceSettings = SimulatedTrust.ServiceSettings(folder);
        Written = written;
    }

    public string Folder { get; }

    /// <summary>The "Pki" configuration keys that make the device service trust <see cref="Folder"/>.</summary>
    public IReadOnlyDictionary<string, string?> ServiceSettings { get; }

    /// <summary>Completes once the files are in <see cref="Folder"/>; faults with what stopped the writing.</summary>
    public Task Written { get; }

    /// <summary>Writes the trust as of <paramref name="now"/> (the CRLs are current from then for a week).</summary>
    public static TemporarySimulatedTrust Create(DateTimeOffset now)
    {
        var folder = NewFolder();
        SimulatedTrust.WriteTo(folder, now);
        return new TemporarySimulatedTrust(folder, Task.CompletedTask);
    }

    /// <summary>
    /// As <see cref="Create"/>, but writes on the thread pool: the folder and the settings are known at once, the
    /// files once <see cref="Written"/> completes (a host builds itself meanwhile).
    /// </summary>
    public static TemporarySimulatedTrust Start(DateTimeOffset now)
    {
        var folder = NewFolder();
        return new TemporarySimulatedTrust(folder, Task.Run(() => SimulatedTrust.WriteTo(folder, now)));
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), $"onshi-simulated-trust-{Guid.NewGuid():N}");

    public void Dispose()
    {
        try
        {
            // Nothing may still be writing into the folder it deletes; a failed write has nothing to wait for.
            Written.Wait();
        }
        catch (AggregateException)
        {
            // Reported by whoever awaited Written.
        }

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
