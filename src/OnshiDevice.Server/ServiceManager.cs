using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting.Systemd;

namespace OnshiDevice.Server;

/// <summary>
/// Running under the system's service manager: systemd on Linux (readiness and stopping notifications, the journal's
/// log format) and the Service Control Manager on Windows; and the system-wide configuration file beside the built-in one.
/// </summary>
internal static class ServiceManager
{
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    /// <summary>Overrides the configuration folder (tests, portable installs).</summary>
    public const string ConfigurationFolderVariable = "ONSHI_DEVICE_CONFIG_DIR";

    /// <summary>Set by systemd from the unit's ConfigurationDirectory= (/etc/onshi-device).</summary>
    private const string SystemdConfigurationDirectoryVariable = "CONFIGURATION_DIRECTORY";

    public const string WindowsServiceName = "OnshiDevice";

    public const string ConfigurationFileName = "appsettings.json";

    public static void UseServiceManager(this WebApplicationBuilder builder)
    {
        builder.Host.UseWindowsService(options => options.ServiceName = WindowsServiceName);
        builder.Host.UseSystemd();

        // UseSystemd only recognises systemd as the parent process (or PID 1 in a container). sd_notify(3) is defined
        // by the variable alone: whoever set NOTIFY_SOCKET (systemd through a wrapper, a supervisor, a test) hears
        // READY=1 once every listener is bound and STOPPING=1 when the service begins to stop.
        if (!SystemdHelpers.IsSystemdService() && Environment.GetEnvironmentVariable(NotifySocketVariable) is { Length: > 0 })
        {
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
    }

    /// <summary>
    /// Adds the system-wide appsettings.json of <see cref="ConfigurationFolder"/> after the one beside the executable
    /// and before environment variables and arguments, which still win. Returns the file it looked for, or null.
    /// </summary>
    public static string? AddSystemConfiguration(this WebApplicationBuilder builder, Func<string, string?> environment)
    {
        if (ConfigurationFolder(environment) is not { } folder)
        {
            return null;
        }

        var file = Path.Combine(folder, ConfigurationFileName);
        var sources = builder.Configuration.Sources;
        // After the last file the builder added (appsettings.json, appsettings.ENVIRONMENT.json), so before the
        // environment variables and arguments that follow them; the DOTNET_-prefixed variables come earlier.
        var lastFile = sources.ToList().FindLastIndex(source => source is FileConfigurationSource);
        var json = new JsonConfigurationSource { Path = file, Optional = true, ReloadOnChange = false };
        json.ResolveFileProvider();
        sources.Insert(lastFile + 1, json);
        return file;
    }

    /// <summary>Where the clinic's settings live: /etc/onshi-device on Linux, %ProgramData%\OnshiDevice on Windows.</summary>
    public static string? ConfigurationFolder(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var variable in new[] { ConfigurationFolderVariable, SystemdConfigurationDirectoryVariable })
        {
            if (environment(variable) is { Length: > 0 } fromEnvironment)
            {
                // systemd passes a colon-separated list when a unit names several folders; the first is ours.
                return variable == SystemdConfigurationDirectoryVariable ? fromEnvironment.Split(':')[0] : fromEnvironment;
            }
        }

        return OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), WindowsServiceName)
            : OperatingSystem.IsLinux() ? "/etc/onshi-device" : null;
    }
}
