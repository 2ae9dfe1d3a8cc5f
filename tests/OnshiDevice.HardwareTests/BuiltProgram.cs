using System.Diagnostics;

namespace OnshiDevice.HardwareTests;

/// <summary>One of the repository's programs as built by `dotnet build` in the same configuration as the tests.</summary>
internal sealed record BuiltProgram(string Project, string Assembly)
{
    public static readonly BuiltProgram Service = new(Path.Combine("src", "OnshiDevice.Server"), "onshi-device.dll");
    public static readonly BuiltProgram Cli = new(Path.Combine("src", "OnshiDevice.Cli"), "onshi.dll");

    public string AssemblyPath
    {
        get
        {
            // The tests run from tests/<project>/bin/<Configuration>/<tfm>/.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(PcscdFixture.RepositoryRoot, Project, "bin", output.Parent!.Name, output.Name, Assembly);
            return File.Exists(path) ? path : throw new FileNotFoundException($"{Assembly} is not built; build OnshiDevice.sln first.", path);
        }
    }

    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        IsolatedConfiguration.Apply(startInfo);
        startInfo.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>
    /// Runs to the end (bounded) with <paramref name="input"/> on standard input (not a terminal, so a PIN
    /// is read from there), returning exit code, standard output and standard error.
    /// </summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string input, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException($"Could not start {Assembly}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Assembly} {string.Join(' ', arguments)} did not finish within 60 s.");
        }

        return (process.ExitCode, await output, await error);
    }
}
