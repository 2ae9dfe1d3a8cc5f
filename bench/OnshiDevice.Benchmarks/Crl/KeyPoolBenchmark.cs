using System.Diagnostics;
using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Benchmarks.Crl;

/// <summary>
/// The cost of the per-caller RSA key pool beside the one shared instance it replaced, in the same run: one
/// signature check (the card's certificate by its CA key) alone and with every core verifying at once.
/// </summary>
internal static class KeyPoolBenchmark
{
    private const int Calls = 20_000;

    public static (double PooledMicroseconds, double SharedMicroseconds, double PooledPerSecond, double SharedPerSecond) Run(byte[] certificate, string issuerDerPath)
    {
        var subject = DerCertificate.Parse(certificate);
        var issuer = DerCertificate.Parse(File.ReadAllBytes(issuerDerPath));
        using var shared = RSA.Create();
        shared.ImportSubjectPublicKeyInfo(issuer.SubjectPublicKeyInfo.Span, out _);

        bool Pooled() => Signatures.Verify(subject, issuer);
        bool Shared() => shared.VerifyData(subject.TbsCertificate.Span, subject.SignatureValue.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        return (Median(Pooled), Median(Shared), Throughput(Pooled), Throughput(Shared));
    }

    private static double Median(Func<bool> verify)
    {
        var samples = new double[Calls];
        for (var index = -200; index < Calls; index++)
        {
            var start = Stopwatch.GetTimestamp();
            if (!verify())
            {
                throw new InvalidOperationException("The benchmark's signature did not verify.");
            }

            if (index >= 0)
            {
                samples[index] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    private static double Throughput(Func<bool> verify)
    {
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ =>
        {
            if (!verify())
            {
                throw new InvalidOperationException("The benchmark's signature did not verify.");
            }
        });
        return Calls / stopwatch.Elapsed.TotalSeconds;
    }
}
