namespace OnshiDevice.TestSupport;

/// <summary>
/// One of the repository's programs as built in its own project's output, in the tests' configuration. Not the copy
/// beside the tests: that one runs with the test project's dependency versions, which the CLI's gRPC client does not load.
/// </summary>
public sealed record BuiltProgram(string Project, string Assembly)
{
    public static readonly BuiltProgram Service = new(Path.Combine("src", "OnshiDevice.Server"), "onshi-device.dll");
    public static readonly BuiltProgram Cli = new(Path.Combine("src", "OnshiDevice.Cli"), "onshi.dll");
    public static readonly BuiltProgram Simulator = new(Path.Combine("simulators", "OnshiDevice.Simulators.Host"), "onshi-sim.dll");

    public string AssemblyPath
    {
        get
        {
            // The tests run from tests/<project>/bin/<Configuration>/<tfm>/.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepositoryFolder.Root, Project, "bin", output.Parent!.Name, output.Name, Assembly);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{Assembly} is not built; build OnshiDevice.sln first.", path);
        }
    }

    /// <summary>`dotnet ASSEMBLY ARGS`.</summary>
    public ProgramLaunch Launch(params string[] arguments) => new("dotnet", [AssemblyPath, .. arguments]);
}
