using OnshiDevice.Simulators;

namespace OnshiDevice.Server;

/// <summary>
/// Under --simulate the service trusts the simulators' test anchors and current CRLs, written to a
/// temporary folder for the life of the process, as a clinic's folders would be configured.
/// Settings given explicitly (appsettings, environment) still win.
/// </summary>
internal sealed class SimulatedTrustFolder : IDisposable
{
    private SimulatedTrustFolder(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public static SimulatedTrustFolder Create(ConfigurationManager configuration)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"onshi-device-simulated-trust-{Environment.ProcessId}");
        SimulatedTrust.WriteTo(folder, DateTimeOffset.UtcNow);
        var defaults = SimulatedTrust.ServiceSettings(folder);

        // Explicit settings keep priority: the defaults go underneath every existing source.
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        return new SimulatedTrustFolder(folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run with this process id overwrites it.
        }
    }
}
