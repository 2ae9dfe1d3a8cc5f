using Microsoft.Extensions.Configuration;

namespace OnshiDevice.Service.Configuration;

/// <summary>
/// The one rule for a relative path in the configuration: a path from an appsettings*.json file is taken from that
/// file's folder; a path from the command line or the environment is taken from the working directory. Never the
/// build or install folder of the executable (which <c>dotnet run</c> makes a surprise).
/// </summary>
public static class ConfigurationPaths
{
    /// <summary>The full path the setting <paramref name="key"/> names, or null when it is unset or blank.</summary>
    public static string? Resolve(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value, BaseFolder(configuration, key));
    }

    /// <summary>
    /// The full path of <paramref name="key"/>, which must name an existing folder when set; otherwise
    /// <see cref="ConfiguredPathException"/> naming the setting and the path it looked at.
    /// </summary>
    public static string? ExistingFolder(IConfiguration configuration, string key)
    {
        var path = Resolve(configuration, key);
        if (path is not null && !Directory.Exists(path))
        {
            throw new ConfiguredPathException(
                $"{key} names the folder {path}, which does not exist (a relative path is taken from {Origin(configuration, key)}).");
        }

        return path;
    }

    /// <summary>The folder a relative value of <paramref name="key"/> is taken from: its JSON file's folder, else the working directory.</summary>
    public static string BaseFolder(IConfiguration configuration, string key) =>
        SourceFile(configuration, key) is { } file ? Path.GetDirectoryName(file)! : Environment.CurrentDirectory;

    private static string Origin(IConfiguration configuration, string key) =>
        SourceFile(configuration, key) is { } file ? $"the folder of {file}" : $"the working directory {Environment.CurrentDirectory}";

    /// <summary>The file of the provider whose value wins (the last that has the key), or null when that is not a file.</summary>
    private static string? SourceFile(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return provider is FileConfigurationProvider { Source: { Path: { } path } source }
                    ? source.FileProvider?.GetFileInfo(path).PhysicalPath ?? Path.GetFullPath(path)
                    : null;
            }
        }

        return null;
    }
}
