using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using OnshiDevice.PcSc;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;

namespace OnshiDevice.Benchmarks.Listeners;

/// <summary>
/// `listeners`: ReadCertificate of the JPKI auth certificate on the in-process simulated card (no pcscd), through
/// the card layer's PC/SC path directly (the same APDUs, no gRPC), and through the service on a Unix socket, on
/// loopback TCP (h2c) and on the clinic LAN listener (mutual TLS, the real <see cref="LanListener"/> and a CA made
/// for the run), at near-zero card latency and at card-like latency (a fixed time per APDU). Sequential medians
/// (one call at a time, one warm channel per path) and calls per second with 16 concurrent callers.
/// </summary>
internal static class ListenerBenchmark
{
    private const string Reader = "OnshiDevice Simulated Reader 0";
    private const int Concurrency = 16;

    private static readonly byte[] SelectJpki = [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    private static readonly byte[] SelectAuthCertificate = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A];
    private static readonly byte[] ReadWholeFileExtended = [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00];

    public static async Task<int> RunAsync(int calls)
    {
        foreach (var latency in new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(5) })
        {
            await RunAtAsync(latency, calls);
        }

        return 0;
    }

    private static async Task RunAtAsync(TimeSpan perApdu, int calls)
    {
        var root = Directory.CreateTempSubdirectory("onshi-listener-bench-").FullName;
        try
        {
            var simulated = new SimulatedPcscApi();
            simulated.AddReader(Reader).Insert(new SlowCard(VirtualMyNumberCards.Standard(), perApdu));
            var socket = Path.Combine(root, "onshi.sock");
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            var (lanPort, client) = BenchClinic.Create(root, builder.Configuration);
            using var lan = LanListener.FromConfiguration(builder.Configuration, TimeProvider.System)!;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
                kestrel.ListenUnixSocket(socket, listen => listen.Protocols = HttpProtocols.Http2);
                kestrel.Listen(System.Net.IPAddress.Loopback, lanPort, lan.Configure);
            });
            builder.Services.AddOnshiDevice(simulated, builder.Configuration);
            await using var service = builder.Build();
            service.MapOnshiDevice();
            await service.StartAsync();
            var loopback = service.Urls.First(url => url.StartsWith("http://127.0.0.1", StringComparison.Ordinal));

            using var context = PcscContext.Establish(simulated);

            // Concurrent direct callers take turns on the reader, as the service's per-reader lock makes them.
            var readerLock = new Lock();
            using var unixChannel = UnixSocketChannel(socket);
            using var loopbackChannel = GrpcChannel.ForAddress(loopback);
            using var lanChannel = BenchClinic.Channel(lanPort, client);

            var paths = new List<(string Path, Func<Task<int>> Read)>
            {
                ("direct (PC/SC, same APDUs)", () => Task.FromResult(DirectRead(context, readerLock))),
                ("Unix socket (h2c)", ReadOver(unixChannel)),
                ("loopback TCP (h2c)", ReadOver(loopbackChannel)),
                ("clinic LAN (mTLS)", ReadOver(lanChannel)),

                // The floor: a unary call through the same listener and interceptors that touches no card.
                ("Unix socket, no card (Health.Check)", CheckOver(unixChannel)),
            };

            // Every path once before any is measured: the service's code is shared by all of them, and the first path
            // measured used to pay for the JIT's tiering of it (0.47 ms where the same path measured last took 0.21 ms).
            foreach (var (_, read) in paths)
            {
                Warm(read);
            }

            var rows = paths.Select(path => Measure(path.Path, path.Read, calls)).ToList();

            await service.StopAsync();
            var direct = rows[0].MedianMs;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"card latency {perApdu.TotalMilliseconds:0} ms per APDU, {calls} sequential calls per path, {Concurrency} concurrent callers"));
            Console.WriteLine($"{"path",-36} {"median ms",10} {"ratio",7} {"calls/s (16)",13}");
            foreach (var (path, median, perSecond) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path,-36} {median,10:0.000} {median / direct,7:0.00} {perSecond,13:0}"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Connections, the TLS session, and the JIT's tiering (code is recompiled optimised after about 30 calls and a pause).
    private static void Warm(Func<Task<int>> read)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 500 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            read().GetAwaiter().GetResult();
        }
    }

    private static (string Path, double MedianMs, double CallsPerSecond) Measure(string path, Func<Task<int>> read, int calls)
    {
        Warm(read);

        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            read().GetAwaiter().GetResult();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        var concurrentCalls = calls;
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < concurrentCalls)
            {
                await read();
            }
        })).ToArray();
        Task.WaitAll(workers);
        return (path, times[calls / 2], concurrentCalls / clock.Elapsed.TotalSeconds);
    }

    private static Func<Task<int>> ReadOver(GrpcChannel channel)
    {
        var cards = new CardsClient(channel);
        return async () =>
        {
            var response = await cards.ReadCertificateAsync(
                new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth }, deadline: DateTime.UtcNow.AddSeconds(30));
            return response.Der.Length;
        };
    }

    private static Func<Task<int>> CheckOver(GrpcChannel channel)
    {
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        return async () =>
        {
            var response = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
            return (int)response.Status;
        };
    }

    // What the service does for ReadCertificate, minus gRPC: connect, transaction, SELECT AID, SELECT EF, READ, reset.
    private static int DirectRead(PcscContext context, Lock readerLock)
    {
        using var turn = readerLock.EnterScope();
        using var connection = context.Connect(Reader);
        using var transaction = connection.BeginTransaction();
        connection.Transmit(SelectJpki);
        connection.Transmit(SelectAuthCertificate);
        var response = connection.Transmit(ReadWholeFileExtended);
        transaction.End(Disposition.LeaveCard);
        return response.Length - 2;
    }

    internal static GrpcChannel UnixSocketChannel(string path)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
    }
}
