using System.Diagnostics;

namespace OnshiDevice.TestSupport;

/// <summary>Runs a program to its exit, bounded: a program that does not end is killed and the test fails with a timeout.</summary>
public static class ProgramRun
{
    /// <summary>Generous: the machine may be busy, and `dotnet` starts slowly under load.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="launch"/> with <paramref name="input"/> on its standard input, then closed (so it is not a
    /// terminal: a CLI reads a PIN from there), and returns its exit code and output.
    /// </summary>
    public static async Task<ProgramResult> ToExitAsync(ProgramLaunch launch, string input = "", TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(input);
        var bound = limit ?? DefaultLimit;
        using var process = Process.Start(launch.ToStartInfo()) ?? throw new InvalidOperationException($"Could not start {launch}.");
        using var timeout = new CancellationTokenSource(bound);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{launch} did not end within {bound}.");
        }

        return new ProgramResult(process.ExitCode, await output, await error);
    }
}
