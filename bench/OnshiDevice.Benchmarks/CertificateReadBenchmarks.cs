using OnshiDevice.TestSupport;
using BenchmarkDotNet.Attributes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using CardsClient = OnshiDevice.Contracts.V1.Cards.CardsClient;
using ReadersClient = OnshiDevice.Contracts.V1.Readers.ReadersClient;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;
using OnshiDevice.Service;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.Benchmarks;

/// <summary>
/// Reads the JPKI auth certificate of a virtual My Number card that sits in the real pcscd (vpcd),
/// (a) through the PC/SC binding directly with the APDUs the service sends, (b) through the gRPC
/// service on a loopback socket (h2c), (c) through the cards layer over the PC/SC adapter
/// (OnshiDevice.PcSc.Iso7816) without the service and (d) through the clinic LAN listener (HTTP/2
/// over mutual TLS). All include connect, transaction, SELECT AID, SELECT EF and READ.
/// </summary>
// In process: the vpcd card connection set up in GlobalSetup must live where the benchmark runs.
[InProcess]
[WarmupCount(10)]
[IterationCount(30)]
[MedianColumn]
public class CertificateReadBenchmarks
{
    public const string Reader = "Virtual PCD 00 00";
    private const int VpcdPort = 35963;

    private static readonly byte[] SelectJpki = [0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    private static readonly byte[] SelectAuthCertificate = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A];
    private static readonly byte[] ReadWholeFileExtended = [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00];

    private IPcscApi _api = null!;
    private PcscContext _context = null!;
    private CountingCard _card = null!;
    private VpcdCardConnection _tap = null!;
    private WebApplication _service = null!;
    private GrpcChannel _channel = null!;
    private CardsClient _cards = null!;
    private string _caRoot = null!;
    private OnshiDevice.Server.Listeners.LanListener _lan = null!;
    private GrpcChannel _lanChannel = null!;
    private CardsClient _lanCards = null!;
    private GrpcChannel _unixChannel = null!;
    private CardsClient _unixCards = null!;

    public static int ApdusDirect { get; private set; }

    public static int ApdusGrpc { get; private set; }

    public static int ApdusCardsLayer { get; private set; }

    public static int CertificateLength { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _api = PcscApi.ForCurrentPlatform();
        _card = new CountingCard(VirtualMyNumberCards.Standard());
        _context = PcscContext.Establish(_api);

        // pcscd sees a card leave at its next status poll: wait until the previous run's card is gone.
        WaitForCard(present: false);
        _tap = VpcdCardConnection.ConnectAsync(_card, port: VpcdPort).GetAwaiter().GetResult();
        WaitForCard(present: true);

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        _caRoot = Directory.CreateTempSubdirectory("onshi-bench-ca-").FullName;
        var (lanPort, lanClient) = Listeners.BenchClinic.Create(_caRoot, builder.Configuration);
        _lan = OnshiDevice.Server.Listeners.LanListener.FromConfiguration(builder.Configuration, TimeProvider.System)!;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, lanPort, _lan.Configure);
            kestrel.ListenUnixSocket(Path.Combine(_caRoot, "onshi.sock"), listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddOnshiDevice(_api, builder.Configuration);
        _service = builder.Build();
        _service.MapOnshiDevice();
        _service.StartAsync().GetAwaiter().GetResult();
        _channel = GrpcChannel.ForAddress(_service.Urls.First(url => url.StartsWith("http://", StringComparison.Ordinal)));
        _cards = new CardsClient(_channel);
        _lanChannel = Listeners.BenchClinic.Channel(lanPort, lanClient);
        _lanCards = new CardsClient(_lanChannel);
        _unixChannel = Listeners.ListenerBenchmark.UnixSocketChannel(Path.Combine(_caRoot, "onshi.sock"));
        _unixCards = new CardsClient(_unixChannel);

        var before = _card.Commands;
        CertificateLength = DirectPcsc();
        ApdusDirect = _card.Commands - before;
        before = _card.Commands;
        var viaGrpc = Grpc().GetAwaiter().GetResult();
        ApdusGrpc = _card.Commands - before;
        before = _card.Commands;
        var viaCardsLayer = CardsLayer();
        ApdusCardsLayer = _card.Commands - before;
        if (viaGrpc != CertificateLength || viaCardsLayer != CertificateLength || GrpcMutualTls().GetAwaiter().GetResult() != CertificateLength
            || GrpcUnixSocket().GetAwaiter().GetResult() != CertificateLength)
        {
            throw new InvalidOperationException("The two paths read different certificates.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _channel.Dispose();
        _lanChannel.Dispose();
        _unixChannel.Dispose();
        _service.StopAsync().GetAwaiter().GetResult();
        _service.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _context.Dispose();
        _tap.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _lan.Dispose();
        Directory.Delete(_caRoot, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "a: PC/SC binding, same APDUs")]
    public int DirectPcsc()
    {
        using var connection = _context.Connect(Reader);
        using var transaction = connection.BeginTransaction();
        Expect9000(connection.Transmit(SelectJpki));
        Expect9000(connection.Transmit(SelectAuthCertificate));
        var response = connection.Transmit(ReadWholeFileExtended);
        Expect9000(response);
        transaction.End(Disposition.LeaveCard);
        return response.Length - 2;
    }

    [Benchmark(Description = "b: gRPC ReadCertificate")]
    public async Task<int> Grpc()
    {
        var response = await _cards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth },
            deadline: DateTime.UtcNow.AddSeconds(10));
        return response.Der.Length;
    }

    [Benchmark(Description = "c: cards layer over PC/SC, no gRPC")]
    public int CardsLayer()
    {
        using var connection = _context.Connect(Reader);
        using var transaction = connection.BeginTransaction();
        var der = MyNumberCard.Open(ApduChannels.Over(connection)).ReadCertificate(JpkiCertificateKind.Auth);
        transaction.End(Disposition.LeaveCard);
        return der.Length;
    }

    [Benchmark(Description = "d: gRPC ReadCertificate, clinic LAN (mTLS)")]
    public async Task<int> GrpcMutualTls()
    {
        var response = await _lanCards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth },
            deadline: DateTime.UtcNow.AddSeconds(10));
        return response.Der.Length;
    }

    [Benchmark(Description = "e: gRPC ReadCertificate, Unix socket (h2c)")]
    public async Task<int> GrpcUnixSocket()
    {
        var response = await _unixCards.ReadCertificateAsync(
            new ReadCertificateRequest { Reader = Reader, Kind = CertificateKind.JpkiAuth },
            deadline: DateTime.UtcNow.AddSeconds(10));
        return response.Der.Length;
    }

    private static void Expect9000(byte[] response)
    {
        if (response.Length < 2 || response[^2] != 0x90 || response[^1] != 0x00)
        {
            throw new InvalidOperationException($"Unexpected response {Convert.ToHexString(response)}.");
        }
    }

    private void WaitForCard(bool present)
    {
        var states = new[] { new ReaderStateQuery(Reader) };
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            _context.WaitForChange(states, 500);
            if (states[0].EventState.HasFlag(ReaderStatus.Present) == present)
            {
                return;
            }

            states[0].CurrentState = states[0].EventState;
        }

        throw new InvalidOperationException(
            $"{Reader} did not become {(present ? "occupied" : "empty")}: is pcscd running with the vpcd configuration (scripts/start-pcscd)?");
    }
}
