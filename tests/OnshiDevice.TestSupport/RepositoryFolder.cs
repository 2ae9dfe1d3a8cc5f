namespace OnshiDevice.TestSupport;

/// <summary>The repository the tests run in: its programs' build outputs, scripts, proto/ and tools/ live there.</summary>
public static class RepositoryFolder
{
    private static readonly Lazy<string> Found = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OnshiDevice.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("The tests do not run inside the repository.");
    });

    public static string Root => Found.Value;
}
