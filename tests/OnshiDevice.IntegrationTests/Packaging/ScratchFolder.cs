namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>A temporary folder for one test, removed with everything in it.</summary>
public sealed class ScratchFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("onshi-scratch-").FullName;

    /// <summary>A path inside the folder (not created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
