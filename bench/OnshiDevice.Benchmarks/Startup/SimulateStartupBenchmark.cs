using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using OnshiDevice.TestSupport;

namespace OnshiDevice.Benchmarks.Startup;

/// <summary>
/// `startup [runs] [--packaged PROGRAM]`: how long the built <c>onshi-device --simulate</c> takes from its process start to
/// its first answered call (Readers.ListReaders over its Unix socket, polled every 10 ms), in the same run two ways,
/// alternating so the machine's load falls on both alike: <b>cold</b>, an empty test-key cache (every RSA key generated,
/// as every start did before the cache), and <b>warm</b>, the cache filled by an earlier start (every start after the
/// first). With <c>--packaged</c>, a third way in the same rounds: that executable (the packages' self-contained,
/// ReadyToRun <c>onshi-device</c>, e.g. from dist/staging after scripts/package), warm.
/// </summary>
internal static class SimulateStartupBenchmark
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(int runs, string? packagedProgram)
    {
        var built = BuiltProgram.Service.Launch("--simulate");
        var packaged = packagedProgram is null ? null : new ProgramLaunch(Path.GetFullPath(packagedProgram), ["--simulate"]);
        var root = Directory.CreateTempSubdirectory("onshi-startup-bench-");
        try
        {
            var warmCache = Path.Combine(root.FullName, "warm");
            await MeasureAsync(built, root.FullName, warmCache);
            var cold = new List<double>();
            var warm = new List<double>();
            var packagedWarm = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                cold.Add(await MeasureAsync(built, root.FullName, Path.Combine(root.FullName, $"cold-{run}")));
                warm.Add(await MeasureAsync(built, root.FullName, warmCache));
                var line = string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: cold {cold[^1]:F0} ms, warm {warm[^1]:F0} ms");
                if (packaged is not null)
                {
                    packagedWarm.Add(await MeasureAsync(packaged, root.FullName, warmCache));
                    line += string.Create(CultureInfo.InvariantCulture, $", packaged warm {packagedWarm[^1]:F0} ms");
                }

                Console.WriteLine(line);
            }

            Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
            Report("cold (no key cache: every start before it)", cold);
            Report("warm (key cache filled)", warm);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm / cold (medians): {Median(warm) / Median(cold):F2}"));
            if (packaged is not null)
            {
                Report($"packaged warm ({packaged.FileName})", packagedWarm);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"packaged warm / warm (medians): {Median(packagedWarm) / Median(warm):F2}"));
            }

            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<double> MeasureAsync(ProgramLaunch program, string root, string keyCache)
    {
        var socket = Path.Combine(root, $"s-{Guid.NewGuid():N}.sock"[..14]);
        var launch = program with
        {
            Arguments = [.. program.Arguments, $"--OnshiDevice:Listeners:Socket={socket}", "--OnshiDevice:Listeners:Loopback=off"],
            Environment = new Dictionary<string, string?> { ["ONSHI_SIMULATOR_KEY_CACHE"] = keyCache },
        };
        var started = Stopwatch.GetTimestamp();
        await using var service = RunningProgram.Start(launch);
        using var channel = ServiceAddress.Parse($"unix:{socket}").CreateChannel();
        var readers = new Readers.ReadersClient(channel);
        using var limit = new CancellationTokenSource(Bound);
        while (true)
        {
            try
            {
                await readers.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: limit.Token);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await service.StopAsync();
                return elapsed;
            }
            catch (RpcException notYet) when (notYet.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && !service.HasExited && !limit.IsCancellationRequested)
            {
                await Task.Delay(10, limit.Token);
            }
        }
    }

    private static void Report(string name, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {Median(values):F0} ms, min {values.Min():F0} ms, max {values.Max():F0} ms ({values.Count} starts)"));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
