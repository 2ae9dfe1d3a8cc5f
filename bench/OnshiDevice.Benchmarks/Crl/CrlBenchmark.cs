using System.Diagnostics;
using System.Globalization;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Benchmarks.Crl;

/// <summary>
/// National-scale CRL figures: load time and retained memory of a one-million-entry CRL, the cost of
/// a verification with revocation (hit and miss), lookups while a refresh runs (they must not wait
/// for it), and <c>openssl verify -crl_check</c> on the same files for comparison. One-shot operations
/// are timed with a stopwatch over several runs (medians); they are too big for BenchmarkDotNet's loop.
/// </summary>
internal static class CrlBenchmark
{
    private const int LoadRuns = 5;
    private const int VerifyCalls = 20_000;

    public static async Task<int> RunAsync(int entries)
    {
        Console.WriteLine($"Generating a CRL of {entries:N0} revoked serials...");
        var generation = Stopwatch.StartNew();
        using var fixture = LargeCrlFixture.Create(entries);
        Console.WriteLine(Invariant($"  {fixture.LargeCrlBytes / 1048576.0:F1} MiB DER, generated in {generation.Elapsed.TotalSeconds:F1} s ({fixture.Folder})"));

        var options = new PkiOptions
        {
            TrustAnchors = { [CertificatePurpose.HpkiSigning] = fixture.AnchorsFolder },
            Intermediates = fixture.IntermediatesFolder,
            Crls = fixture.CrlsFolder,
        };
        var trust = TrustStore.Load(options.TrustAnchors, fixture.IntermediatesFolder);

        // Retained memory: what the loaded snapshot keeps alive after a full collection.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var crls = new CrlStore(fixture.CrlsFolder, options.MaxCrlFileBytes, TimeProvider.System);
        await crls.RefreshAsync();
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var table = crls.Statistics;

        // Load time: a fresh store per run, so nothing is cached between runs.
        var loadTimes = new List<double>();
        for (var run = 0; run < LoadRuns; run++)
        {
            using var store = new CrlStore(fixture.CrlsFolder, options.MaxCrlFileBytes, TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            await store.RefreshAsync();
            loadTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var verifier = new CertificateVerifier(trust, crls, options, TimeProvider.System);
        var good = verifier.Verify(fixture.GoodCertificate, CertificatePurpose.HpkiSigning);
        var revoked = verifier.Verify(fixture.RevokedCertificate, CertificatePurpose.HpkiSigning);
        Console.WriteLine($"  verdicts: good certificate valid={good.IsValid} revocation={good.Revocation} [{string.Join(", ", good.Failures.Select(f => f.Reason))}]");
        Console.WriteLine($"            revoked certificate valid={revoked.IsValid} revocation={revoked.Revocation} [{string.Join(", ", revoked.Failures.Select(f => f.Reason))}]");

        var verifyGood = MedianMicroseconds(() => verifier.Verify(fixture.GoodCertificate, CertificatePurpose.HpkiSigning));
        var verifyRevoked = MedianMicroseconds(() => verifier.Verify(fixture.RevokedCertificate, CertificatePurpose.HpkiSigning));
        var (hitNanoseconds, missNanoseconds) = LookupNanoseconds(fixture);
        var duringRefresh = await VerifyDuringRefreshAsync(verifier, crls, fixture.LargeCrlPath, fixture.GoodCertificate);
        var keys = KeyPoolBenchmark.Run(fixture.GoodCertificate, Path.Combine(fixture.IntermediatesFolder, "signing-ca.der"));
        var openSslGood = OpenSslVerify(fixture, fixture.GoodCertificatePemPath);
        var openSslRevoked = OpenSslVerify(fixture, fixture.RevokedCertificatePemPath);

        Console.WriteLine();
        Console.WriteLine(Invariant($"CRL entries:                         {fixture.RevokedEntries:N0} ({fixture.LargeCrlBytes / 1048576.0:F1} MiB DER)"));
        Console.WriteLine(Invariant($"load (parse + index), median of {LoadRuns}:   {Median(loadTimes):F0} ms (min {loadTimes.Min():F0}, max {loadTimes.Max():F0})"));
        Console.WriteLine(Invariant($"retained managed memory after load:  {retained / 1048576.0:F1} MiB ({(double)retained / fixture.RevokedEntries:F1} bytes per entry; serial tables {table.TableBytes / 1048576.0:F1} MiB)"));
        Console.WriteLine(Invariant($"serial lookup in the table (mean):   listed {hitNanoseconds:F0} ns, not listed {missNanoseconds:F0} ns"));
        Console.WriteLine(Invariant($"Verify, serial not listed (median):  {verifyGood:F1} µs (path of 3: the card signature checked, the CA one cached; 2 CRL lookups)"));
        Console.WriteLine(Invariant($"Verify, serial listed (median):      {verifyRevoked:F1} µs"));
        Console.WriteLine(Invariant($"Verify during a background refresh:  {duringRefresh.Calls:N0} calls while the reload ran {duringRefresh.RefreshMilliseconds:F0} ms; slowest call {duringRefresh.SlowestMicroseconds:F0} µs"));
        Console.WriteLine(Invariant($"one signature check (median):        pooled key {keys.PooledMicroseconds:F1} µs, one shared RSA instance {keys.SharedMicroseconds:F1} µs"));
        Console.WriteLine(Invariant($"signature checks on {Environment.ProcessorCount} threads:       pooled key {keys.PooledPerSecond:N0}/s, one shared RSA instance {keys.SharedPerSecond:N0}/s"));
        Console.WriteLine(Invariant($"openssl verify -crl_check (median):  good {openSslGood.Milliseconds:F0} ms \"{openSslGood.Output}\"; revoked {openSslRevoked.Milliseconds:F0} ms \"{openSslRevoked.Output}\""));
        GC.KeepAlive(crls);
        crls.Dispose();
        return 0;
    }

    /// <summary>The bare table lookup, averaged over many serials (one lookup is too short to time alone).</summary>
    private static (double Hit, double Miss) LookupNanoseconds(LargeCrlFixture fixture)
    {
        var crl = CertificateRevocationList.Parse(File.ReadAllBytes(fixture.LargeCrlPath));
        var listed = fixture.ListedSerialSample;
        var random = new Random(7);
        var unlisted = Enumerable.Range(0, listed.Count).Select(_ =>
        {
            var serial = new byte[16];
            random.NextBytes(serial);
            serial[0] = 0x01; // the CRL's serials all start at 0x10 or above
            return serial;
        }).ToList();

        double Time(List<byte[]> serials, bool expected)
        {
            const int Rounds = 50;
            var start = Stopwatch.GetTimestamp();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var serial in serials)
                {
                    if (crl.TryGetRevocation(serial, out _, out _) != expected)
                    {
                        throw new InvalidOperationException("The table answered a lookup wrongly.");
                    }
                }
            }

            return Stopwatch.GetElapsedTime(start).TotalNanoseconds / (Rounds * serials.Count);
        }

        Time(listed, expected: true);
        return (Time(listed, expected: true), Time(unlisted, expected: false));
    }

    private static double MedianMicroseconds(Action call)
    {
        for (var warmup = 0; warmup < 200; warmup++)
        {
            call();
        }

        var samples = new double[VerifyCalls];
        for (var index = 0; index < samples.Length; index++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            samples[index] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return Median(samples);
    }

    private static async Task<(int Calls, double RefreshMilliseconds, double SlowestMicroseconds)> VerifyDuringRefreshAsync(
        CertificateVerifier verifier, CrlStore crls, string crlPath, byte[] certificate)
    {
        // A newer timestamp makes the store parse the file again rather than keep the loaded copy.
        File.SetLastWriteTimeUtc(crlPath, DateTime.UtcNow.AddSeconds(1));
        var refresh = Task.Run(() => crls.RefreshAsync());
        var stopwatch = Stopwatch.StartNew();
        var calls = 0;
        var slowest = 0.0;
        while (!refresh.IsCompleted)
        {
            var start = Stopwatch.GetTimestamp();
            var result = verifier.Verify(certificate, CertificatePurpose.HpkiSigning);
            slowest = Math.Max(slowest, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            if (result.Revocation != RevocationStatus.Good)
            {
                throw new InvalidOperationException($"During the refresh the verdict changed to {result.Revocation}: the old snapshot must serve until the new one is in place.");
            }

            calls++;
        }

        await refresh;
        return (calls, stopwatch.Elapsed.TotalMilliseconds, slowest);
    }

    private static (double Milliseconds, string Output) OpenSslVerify(LargeCrlFixture fixture, string certificatePem)
    {
        var times = new List<double>();
        var output = string.Empty;
        for (var run = 0; run < LoadRuns; run++)
        {
            var start = new ProcessStartInfo("openssl")
            {
                ArgumentList = { "verify", "-CAfile", fixture.RootPemPath, "-untrusted", fixture.SigningCaPemPath, "-CRLfile", fixture.LargeCrlPemPath, "-crl_check", certificatePem },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            output = (stdout.Result + " " + stderr.Result).ReplaceLineEndings(" ").Replace(Path.GetDirectoryName(certificatePem) + "/", string.Empty, StringComparison.Ordinal).Trim();
        }

        return (Median(times), output);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
