using System.Collections.Concurrent;
using System.Diagnostics;

namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>
/// onshi-device or onshi as built beside the tests, run as a separate process (`dotnet PROGRAM.dll ARGS`), optionally
/// as another user through setpriv: to the end (<see cref="RunAsync"/>) or, for the service, until it listens.
/// </summary>
internal sealed class BuiltProgramRun : IAsyncDisposable
{
    public const string Service = "onshi-device.dll";
    public const string Cli = "onshi.dll";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BuiltProgramRun(Process process)
    {
        _process = process;
    }

    public string Output => string.Join('\n', _output);

    /// <summary>Every line the service wrote so far.</summary>
    public IReadOnlyList<string> OutputLines => [.. _output];

    public int ProcessId => _process.Id;

    /// <summary>Runs to the end and returns exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IReadOnlyDictionary<string, string>? environment, string[]? asUser, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(program, environment, asUser, arguments))!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Bound);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Bound.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the service and returns once it logs that it listens (or throws with its output when it exits first).</summary>
    public static async Task<BuiltProgramRun> StartServiceAsync(IReadOnlyDictionary<string, string>? environment, string[]? asUser, params string[] arguments)
    {
        var process = Process.Start(StartInfo(Service, environment, asUser, arguments))!;
        var run = new BuiltProgramRun(process);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            run._output.Enqueue(line);
            if (line.Contains("onshi-device listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"onshi-device exited before listening: {run.Output}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await listening.Task.WaitAsync(Bound);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    /// <summary>Stops the service as systemd would (SIGTERM) and waits for its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(Bound);
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    // The service runs from the test output (like HostInformationTests); the CLI from its own build output, whose
    // deps.json carries its dependencies (the test output's has the test's versions, not the CLI's).
    private static string PathOf(string program)
    {
        if (program != Cli)
        {
            return Path.Combine(AppContext.BaseDirectory, program);
        }

        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var repository = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "src", "OnshiDevice.Cli", "bin", output.Parent.Name, output.Name, Cli);
    }

    private static ProcessStartInfo StartInfo(string program, IReadOnlyDictionary<string, string>? environment, string[]? asUser, string[] arguments)
    {
        // setpriv runs dotnet as another user; no shell in between.
        var startInfo = new ProcessStartInfo(asUser is null ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        IsolatedConfiguration.Apply(startInfo);
        foreach (var part in asUser ?? [])
        {
            startInfo.ArgumentList.Add(part);
        }

        if (asUser is not null)
        {
            startInfo.ArgumentList.Add("dotnet");
        }

        startInfo.ArgumentList.Add(PathOf(program));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }
}
