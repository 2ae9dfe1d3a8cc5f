using System.Diagnostics;

namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>A program run to its end (bounded), with its exit code and output.</summary>
public sealed record ProgramResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

internal static class ExternalProgram
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>The repository the tests run in (the Node client and proto/ live there).</summary>
    public static string RepositoryRoot
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

    /// <summary>
    /// A program of the repository (onshi-device.dll, onshi.dll) as built in its own project's output, in the tests'
    /// configuration: the copy beside the tests runs with the test project's dependency versions, which the CLI's
    /// gRPC client does not load.
    /// </summary>
    public static string BuiltProgram(string program)
    {
        var project = program switch
        {
            "onshi-device.dll" => "OnshiDevice.Server",
            "onshi.dll" => "OnshiDevice.Cli",
            _ => throw new ArgumentOutOfRangeException(nameof(program), program, "not a program of the repository"),
        };
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", output.Parent!.Name, output.Name, program);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{program} is not built; build OnshiDevice.sln first.", path);
    }

    /// <summary>A program of the repository run as `dotnet PROGRAM.dll ARGS`.</summary>
    public static Task<ProgramResult> RunBuiltAsync(string program, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunAsync("dotnet", [BuiltProgram(program), .. arguments], environment);

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        IsolatedConfiguration.Apply(startInfo);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Secrets of the CA commands come only from what a test passes.
        startInfo.Environment.Remove("ONSHI_CA_PASSPHRASE");
        startInfo.Environment.Remove("ONSHI_P12_PASSWORD");
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    public static async Task<ProgramResult> RunAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, environment)) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within {Limit}.");
        }

        return new ProgramResult(process.ExitCode, await output, await error);
    }
}
