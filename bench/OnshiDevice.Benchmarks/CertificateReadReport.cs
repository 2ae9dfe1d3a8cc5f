using BenchmarkDotNet.Reports;

namespace OnshiDevice.Benchmarks;

/// <summary>Prints the figures the closing notes quote: APDU counts, medians and the gRPC/direct ratio.</summary>
internal static class CertificateReadReport
{
    public static void Print(Summary summary)
    {
        double? Median(string method) => summary.Reports
            .FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?
            .ResultStatistics?.Median;

        var direct = Median(nameof(CertificateReadBenchmarks.DirectPcsc));
        var grpc = Median(nameof(CertificateReadBenchmarks.Grpc));
        var cardsLayer = Median(nameof(CertificateReadBenchmarks.CardsLayer));
        var mutualTls = Median(nameof(CertificateReadBenchmarks.GrpcMutualTls));
        var unixSocket = Median(nameof(CertificateReadBenchmarks.GrpcUnixSocket));
        Console.WriteLine();
        Console.WriteLine($"certificate: {CertificateReadBenchmarks.CertificateLength} bytes");
        Console.WriteLine($"APDUs per read: direct {CertificateReadBenchmarks.ApdusDirect}, gRPC {CertificateReadBenchmarks.ApdusGrpc} (identification + {CertificateReadBenchmarks.ApdusGrpc - 1}), cards layer {CertificateReadBenchmarks.ApdusCardsLayer}");
        if (direct is { } a && grpc is { } b)
        {
            Console.WriteLine($"median a (PC/SC direct): {a / 1e6:F3} ms");
            Console.WriteLine($"median b (gRPC, loopback TCP): {b / 1e6:F3} ms");
            Console.WriteLine($"ratio b/a: {b / a:F3} (target <= 1.3)");
            if (unixSocket is { } e)
            {
                Console.WriteLine($"median e (gRPC, Unix socket): {e / 1e6:F3} ms");
                Console.WriteLine($"ratio e/a: {e / a:F3} (target <= 1.3)");
            }

            if (mutualTls is { } d)
            {
                Console.WriteLine($"median d (gRPC, mTLS):   {d / 1e6:F3} ms");
                Console.WriteLine($"ratio d/a: {d / a:F3} (target <= 1.3)");
            }
        }

        if (direct is { } baseline && cardsLayer is { } c)
        {
            Console.WriteLine($"median c (cards layer over PC/SC): {c / 1e6:F3} ms, ratio c/a: {c / baseline:F3}");
        }
    }
}
