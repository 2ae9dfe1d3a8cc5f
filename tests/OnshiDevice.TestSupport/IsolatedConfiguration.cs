namespace OnshiDevice.TestSupport;

/// <summary>
/// An empty configuration folder for every program a test starts (ONSHI_DEVICE_CONFIG_DIR), so a machine with an installed
/// onshi-device (/etc/onshi-device/appsettings.json) cannot change what the tests run.
/// </summary>
public static class IsolatedConfiguration
{
    public const string Variable = "ONSHI_DEVICE_CONFIG_DIR";

    private static readonly Lazy<string> EmptyFolder = new(() =>
    {
        var folder = Directory.CreateTempSubdirectory("onshi-no-config-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the other users some tests run the programs as (setpriv).
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>Points the program at the empty folder unless the test named a folder of its own.</summary>
    public static void Apply(System.Diagnostics.ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        if (!startInfo.Environment.ContainsKey(Variable) || string.IsNullOrEmpty(startInfo.Environment[Variable]))
        {
            startInfo.Environment[Variable] = EmptyFolder.Value;
        }
    }
}
