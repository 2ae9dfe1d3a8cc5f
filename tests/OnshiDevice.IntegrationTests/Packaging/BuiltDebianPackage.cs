namespace OnshiDevice.IntegrationTests.Packaging;

/// <summary>
/// The .deb that scripts/package builds from the Release build (--no-build: framework-dependent), built once for the
/// tests of a class, with its files unpacked (dpkg-deb -x) and its control files (dpkg-deb -e) beside it.
/// </summary>
public sealed class BuiltDebianPackage : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-deb-").FullName;

    public string Deb { get; private set; } = "";

    /// <summary>The package's files, as dpkg would lay them out under /.</summary>
    public string Root => Path.Combine(_folder, "root");

    /// <summary>The control files: control, conffiles, postinst, prerm, postrm.</summary>
    public string Control => Path.Combine(_folder, "control");

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var build = await RunAsync("bash", Path.Combine(RepositoryFolder.Root, "scripts", "package"), "--no-build", "--out", _folder, "deb");
        Assert.True(build.ExitCode == 0, build.ToString());
        Output = build.Output;
        Deb = Assert.Single(Directory.GetFiles(_folder, "*.deb"));
        Assert.Equal(0, (await RunAsync("dpkg-deb", "-x", Deb, Root)).ExitCode);
        Assert.Equal(0, (await RunAsync("dpkg-deb", "-e", Deb, Control)).ExitCode);
    }

    /// <summary>One field of the package's control file, as dpkg-deb reads it.</summary>
    public async Task<string> FieldAsync(string name)
    {
        var field = await RunAsync("dpkg-deb", "-f", Deb, name);
        Assert.Equal(0, field.ExitCode);
        return field.Output.Trim();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static Task<ProgramResult> RunAsync(string program, params string[] arguments) =>
        ProgramRun.ToExitAsync(new ProgramLaunch(program, arguments), limit: TimeSpan.FromMinutes(5));
}
