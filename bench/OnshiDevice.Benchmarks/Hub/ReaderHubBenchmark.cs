using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Service;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.Vpcd;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using Kind = OnshiDevice.Contracts.V1.WatchReadersResponse.Types.Kind;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;

namespace OnshiDevice.Benchmarks.Hub;

/// <summary>
/// The reader hub under many watchers, through the real pcscd and vpcd: a card is tapped on slot 0 again and again
/// while N WatchReaders streams (on one HTTP/2 connection, or on one connection per ten streams) watch, beside one
/// direct SCardGetStatusChange waiter in the same process, and while the card on slot 1 is read in a loop through
/// the service. Per tap: from the card's arrival (vpcd connect) to the direct waiter's wake, and to the last stream's
/// event; the difference is what the hub and gRPC add. Also: every stream got every event, the reads' latency with
/// and without streams, managed memory per stream, and the service's PC/SC contexts and pcscd's client sockets.
/// </summary>
internal static class ReaderHubBenchmark
{
    private const string TappedReader = "Virtual PCD 00 00";
    private const string ReadReader = "Virtual PCD 00 01";
    private const int TappedPort = 35963;
    private const int ReadPort = 35964;
    private const int StreamsPerConnectionWhenMany = 10;

    /// <param name="taps">Taps per row.</param>
    /// <param name="onlyStreams">When set, only the rows with this many streams (a quick look at one size).</param>
    public static async Task<int> RunAsync(int taps, int? onlyStreams = null)
    {
        var native = PcscApi.ForCurrentPlatform();
        var counting = new CountingPcscApi(native);
        using var direct = new DirectWaiter(native, TappedReader);
        await direct.WaitForAsync(present: false);
        await using var readCard = await VpcdCardConnection.ConnectAsync(VirtualMyNumberCards.Standard(), port: ReadPort);
        await WaitForCardAsync(native, ReadReader);

        var pcscdBefore = PcscdClientSockets();
        var service = StartService(counting);
        await service.StartAsync();
        try
        {
            var address = new Uri(service.Urls.First());
            Console.WriteLine(Invariant($"reader hub: {taps} taps per configuration; pcscd client sockets before the service: {pcscdBefore}"));
            Console.WriteLine();
            Console.WriteLine("| streams | connections | arrival→direct p50 / p99 | arrival→last stream p50 / p99 | first stream − direct p50 / p99 | last stream − direct p50 / p99 | every event | reads on the other reader p50 / p99 | managed memory per stream | service PC/SC contexts | pcscd client sockets (Δ) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var (streams, many) in new[] { (0, false), (200, false), (200, true), (1000, false), (1000, true) })
            {
                if (onlyStreams is { } only && streams != only)
                {
                    continue;
                }

                var row = await RunPhaseAsync(address, direct, counting, streams, many, taps, pcscdBefore);
                Console.WriteLine(row);
            }
        }
        finally
        {
            await service.StopAsync();
            await service.DisposeAsync();
        }

        return 0;
    }

    private static WebApplication StartService(IPcscApi api)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddOnshiDevice(api, builder.Configuration);
        var app = builder.Build();
        app.MapOnshiDevice();
        return app;
    }

    private static async Task<string> RunPhaseAsync(Uri address, DirectWaiter direct, CountingPcscApi api, int streams, bool many, int taps, int pcscdBefore)
    {
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var channels = new List<GrpcChannel>();
        GrpcChannel NewChannel()
        {
            // One handler per channel, one HTTP/2 connection per handler: grpc-dotnet's default would open more.
            var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
            });
            channels.Add(channel);
            return channel;
        }

        using var stop = new CancellationTokenSource();
        var watchers = new List<Watcher>();
        var shared = NewChannel();
        for (var i = 0; i < streams; i++)
        {
            var channel = !many ? shared : i % StreamsPerConnectionWhenMany == 0 ? NewChannel() : channels[^1];
            watchers.Add(Watcher.Start(new ReadersClient(channel), stop.Token));
        }

        await UntilAsync(() => watchers.All(watcher => watcher.Announced), TimeSpan.FromSeconds(120), "every stream's announcement");
        var memoryPerStream = streams == 0 ? 0 : (GC.GetTotalMemory(forceFullCollection: true) - memoryBefore) / (double)streams;
        var contexts = api.OpenContexts;
        var pcscdNow = PcscdClientSockets();

        var reads = new ReadLoop(new CardsClient(NewChannel()));
        var reading = reads.RunAsync(stop.Token);
        var toDirect = new List<double>();
        var toLast = new List<double>();
        var overhead = new List<double>();
        var firstOverhead = new List<double>();
        for (var tap = 0; tap < taps; tap++)
        {
            var arrival = Stopwatch.GetTimestamp();
            var card = await VpcdCardConnection.ConnectAsync(VirtualMyNumberCards.Standard(), port: TappedPort);
            var directSaw = await direct.WaitForAsync(present: true);
            await UntilAsync(() => watchers.All(watcher => watcher.Inserted.Count > tap), TimeSpan.FromSeconds(30), "every stream's CARD_INSERTED");
            if (streams > 0)
            {
                var last = watchers.Max(watcher => watcher.Inserted[tap]);
                firstOverhead.Add(Milliseconds(directSaw, watchers.Min(watcher => watcher.Inserted[tap])));
                toLast.Add(Milliseconds(arrival, last));
                overhead.Add(Milliseconds(directSaw, last));
            }

            toDirect.Add(Milliseconds(arrival, directSaw));
            await card.DisposeAsync();
            await direct.WaitForAsync(present: false);
            await UntilAsync(() => watchers.All(watcher => watcher.Removed.Count > tap), TimeSpan.FromSeconds(30), "every stream's CARD_REMOVED");
        }

        await stop.CancelAsync();
        await reading;
        var everyEvent = watchers.All(watcher => watcher.Inserted.Count == taps && watcher.Removed.Count == taps && watcher.Other == 0 && watcher.Failure is null);
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }

        channels.ForEach(channel => channel.Dispose());
        var connections = streams == 0 ? "-" : many ? Invariant($"{(streams + StreamsPerConnectionWhenMany - 1) / StreamsPerConnectionWhenMany}") : "1";
        return Invariant(
            $"| {streams} | {connections} | {P(toDirect, 50):F1} / {P(toDirect, 99):F1} ms | {Pair(toLast)} | {Pair(firstOverhead)} | {Pair(overhead)} | {(streams == 0 ? "-" : everyEvent ? "yes" : "NO")} | {P(reads.Latencies, 50):F2} / {P(reads.Latencies, 99):F2} ms ({reads.Latencies.Count} reads) | {(streams == 0 ? "-" : Invariant($"{memoryPerStream / 1024:F1} KiB"))} | {contexts} | {pcscdNow} ({pcscdNow - pcscdBefore:+0;-0;0}) |");
    }

    private static string Pair(List<double> values) => values.Count == 0 ? "-" : Invariant($"{P(values, 50):F1} / {P(values, 99):F1} ms");

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(IReadOnlyList<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static async Task UntilAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(2);
        }
    }

    private static Task WaitForCardAsync(IPcscApi api, string reader) => Task.Run(() =>
    {
        using var context = PcscContext.Establish(api);
        var states = new[] { new ReaderStateQuery(reader) };
        for (var attempt = 0; attempt < 80; attempt++)
        {
            context.WaitForChange(states, 250);
            if (states[0].EventState.HasFlag(ReaderStatus.Present) && !states[0].EventState.HasFlag(ReaderStatus.Mute))
            {
                return;
            }

            states[0].CurrentState = states[0].EventState;
        }

        throw new InvalidOperationException($"{reader} did not get its card: is pcscd running with the vpcd configuration (scripts/start-pcscd)?");
    });

    /// <summary>Sockets pcscd holds open: its listening socket, its vpcd connections and one per client context.</summary>
    private static int PcscdClientSockets()
    {
        foreach (var process in Directory.GetDirectories("/proc"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(process, "comm")).Trim() == "pcscd")
                {
                    return Directory.GetFiles(Path.Combine(process, "fd"))
                        .Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);
                }
            }
            catch (IOException)
            {
                // A process that ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process.
            }
        }

        return -1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One WatchReaders stream: when each CARD_INSERTED / CARD_REMOVED of the tapped reader arrived.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly AsyncServerStreamingCall<WatchReadersResponse> _call;
        private readonly Task _reading;
        private int _announced;

        private Watcher(AsyncServerStreamingCall<WatchReadersResponse> call, CancellationToken stop)
        {
            _call = call;
            _reading = ReadAsync(stop);
        }

        public List<long> Inserted { get; } = [];

        public List<long> Removed { get; } = [];

        public int Other { get; private set; }

        public Exception? Failure { get; private set; }

        // Two readers attached, the card on the read reader.
        public bool Announced => Volatile.Read(ref _announced) >= 3;

        public static Watcher Start(ReadersClient client, CancellationToken stop) =>
            new(client.WatchReaders(new WatchReadersRequest(), cancellationToken: stop), stop);

        public async ValueTask DisposeAsync()
        {
            _call.Dispose();
            await _reading;
        }

        private async Task ReadAsync(CancellationToken stop)
        {
            try
            {
                while (await _call.ResponseStream.MoveNext(stop))
                {
                    var readerEvent = _call.ResponseStream.Current;
                    var now = Stopwatch.GetTimestamp();
                    if (Volatile.Read(ref _announced) < 3)
                    {
                        Interlocked.Increment(ref _announced);
                    }
                    else if (readerEvent.Reader == TappedReader && readerEvent.Kind == Kind.CardInserted)
                    {
                        lock (Inserted)
                        {
                            Inserted.Add(now);
                        }
                    }
                    else if (readerEvent.Reader == TappedReader && readerEvent.Kind == Kind.CardRemoved)
                    {
                        Removed.Add(now);
                    }
                    else
                    {
                        Other++;
                    }
                }
            }
            catch (RpcException) when (stop.IsCancellationRequested)
            {
                // Closed by the benchmark.
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Closed by the benchmark.
            }
            catch (RpcException exception)
            {
                Failure = exception;
            }
        }
    }

    /// <summary>Reads the JPKI authentication certificate of the slot 1 card through the service, back to back.</summary>
    private sealed class ReadLoop(CardsClient cards)
    {
        public List<double> Latencies { get; } = [];

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await cards.ReadCertificateAsync(
                        new ReadCertificateRequest { Reader = ReadReader, Kind = CertificateKind.JpkiAuth },
                        deadline: DateTime.UtcNow.AddSeconds(10),
                        cancellationToken: stop);
                }
                catch (RpcException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                Latencies.Add(Milliseconds(started, Stopwatch.GetTimestamp()));
            }
        }
    }
}
