using System.Collections.Concurrent;
using System.Diagnostics;

namespace OnshiDevice.TestSupport;

/// <summary>
/// A long-running program (the service) started by a test: its standard input closed, every line it writes on either
/// stream kept (drained at once, so a chatty log never fills the pipe and stalls it). Disposing kills what still runs
/// and waits until its output is read to the end.
/// </summary>
public sealed class RunningProgram : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly ProgramLaunch _launch;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private event Action<string>? LineWritten;

    private RunningProgram(ProgramLaunch launch, Process process)
    {
        _launch = launch;
        _process = process;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Every line the program wrote so far, standard output and standard error interleaved as they came.</summary>
    public IReadOnlyList<string> OutputLines => [.. _lines];

    public string Output => string.Join('\n', _lines);

    /// <summary>The last lines, for a failure message.</summary>
    public string RecentOutput => string.Join('\n', _lines.TakeLast(200));

    public static RunningProgram Start(ProgramLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var process = new Process { StartInfo = launch.ToStartInfo(), EnableRaisingEvents = true };
        var program = new RunningProgram(launch, process);
        process.OutputDataReceived += (_, line) => program.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => program.Keep(line.Data);
        process.Exited += (_, _) => program._exited.TrySetResult();
        if (!process.Start())
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start {launch}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return program;
    }

    /// <summary>Starts the program and returns once it writes a line containing <paramref name="readyText"/> (a service saying it listens); throws with its output when it exits first.</summary>
    public static async Task<RunningProgram> StartAsync(ProgramLaunch launch, string readyText, TimeSpan? bound = null)
    {
        var program = Start(launch);
        try
        {
            await program.WaitForLineAsync(line => line.Contains(readyText, StringComparison.Ordinal), bound);
            return program;
        }
        catch
        {
            await program.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns once the program writes a line <paramref name="matches"/> accepts; throws with its output when it exits first or the bound passes.</summary>
    public async Task WaitForLineAsync(Func<string, bool> matches, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string line)
        {
            if (matches(line))
            {
                seen.TrySetResult();
            }
        }

        LineWritten += Check;
        try
        {
            if (_lines.Any(matches))
            {
                return;
            }

            await WhileRunningAsync(seen.Task, bound ?? Bound, "writing the line waited for");
        }
        finally
        {
            LineWritten -= Check;
        }
    }

    /// <summary>
    /// Repeats <paramref name="probe"/> (a connect to the program's socket or port) until it succeeds; throws with the
    /// program's output when it exits first or the bound passes. The probe fails by throwing <typeparamref name="TNotYet"/>.
    /// </summary>
    public async Task WaitUntilReachableAsync<TNotYet>(Func<CancellationToken, Task> probe, TimeSpan? bound = null)
        where TNotYet : Exception
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var limit = new CancellationTokenSource(bound ?? Bound);
        async Task Probe()
        {
            while (true)
            {
                try
                {
                    await probe(limit.Token);
                    return;
                }
                catch (TNotYet) when (!limit.IsCancellationRequested)
                {
                    // Not listening yet: nothing to wait on but the socket itself.
                    await Task.Delay(100, limit.Token);
                }
            }
        }

        await WhileRunningAsync(Probe(), bound ?? Bound, "becoming reachable");
    }

    /// <summary>Stops the program as systemd would (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        var kill = await ProgramRun.ToExitAsync(new ProgramLaunch("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        Assert.True(kill.ExitCode == 0, $"kill -TERM {ProcessId}: {kill}");
        return await WaitForExitAsync();
    }

    /// <summary>Waits for the program to end on its own (bounded) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? bound = null)
    {
        var limit = bound ?? Bound;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_launch} did not end within {limit}: {RecentOutput}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        // The parameterless wait returns only once the redirected output has been read to its end.
        using var timeout = new CancellationTokenSource(Bound);
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
    }

    private async Task WhileRunningAsync(Task awaited, TimeSpan bound, string what)
    {
        var first = await Task.WhenAny(awaited, _exited.Task, Task.Delay(bound));
        if (first == awaited)
        {
            await awaited;
            return;
        }

        if (first == _exited.Task)
        {
            // Read what it wrote to the end, so the message says why it stopped.
            using var drained = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(drained.Token);
            throw new InvalidOperationException($"{_launch} exited with {_process.ExitCode} before {what}: {RecentOutput}");
        }

        throw new TimeoutException($"{_launch} was not done {what} within {bound}: {RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            LineWritten?.Invoke(line);
        }
    }
}
