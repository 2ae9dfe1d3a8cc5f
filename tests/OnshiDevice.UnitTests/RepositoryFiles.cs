namespace OnshiDevice.UnitTests;

/// <summary>Files of the repository the tests run in (docs whose promises the tests check).</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OnshiDevice.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("The tests do not run inside the repository.");
        }
    }

    public static string ReadAllText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));
}
