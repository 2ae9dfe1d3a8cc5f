using Microsoft.Extensions.Configuration;

namespace OnshiDevice.Server.ClinicCa;

/// <summary>Where the clinic CA folder is: <c>--ca-folder</c>, else <c>OnshiDevice:ClinicCa:Folder</c>, else the system's default.</summary>
internal static class ClinicCaSettings
{
    public const string FolderKey = "OnshiDevice:ClinicCa:Folder";

    /// <summary>/var/lib/onshi-device/clinic-ca on Unix, %ProgramData%\OnshiDevice\clinic-ca on Windows.</summary>
    public static string DefaultFolder => OperatingSystem.IsWindows()
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "OnshiDevice", "clinic-ca")
        : "/var/lib/onshi-device/clinic-ca";

    public static string Folder(IConfiguration configuration, string? option)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (option is not null)
        {
            // Given on the command line: relative to where the command runs.
            return Path.GetFullPath(option);
        }

        // Configured: by the one rule for configured paths (the setting's JSON file's folder, else the working directory).
        return OnshiDevice.Service.Configuration.ConfigurationPaths.Resolve(configuration, FolderKey) ?? DefaultFolder;
    }

    /// <summary>The host's own settings (appsettings.json beside the executable, environment), as the service reads them.</summary>
    public static IConfiguration HostConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();
}
