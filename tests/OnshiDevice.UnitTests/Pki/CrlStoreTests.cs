using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.UnitTests.Pki;

public sealed class CrlStoreTests : IDisposable
{
    private static readonly byte[] CaName = DerCertificate.Parse(TestPki.CaCertificate).SubjectName.ToArray();
    private static readonly byte[] CaKeyId = DerCertificate.Parse(TestPki.CaCertificate).SubjectKeyIdentifier.ToArray();

    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-crlstore-").FullName;

    /// <summary>The one CRL found (these tests give each issuer one scope), or null when there is none.</summary>
    private static CertificateRevocationList? Only(IReadOnlyList<CertificateRevocationList> found) =>
        found.Count <= 1 ? found.FirstOrDefault() : throw new InvalidOperationException($"{found.Count} CRLs where one scope was expected.");

    [Fact]
    public async Task A_refresh_loads_every_crl_of_the_folder()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "ca.crl"), TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime)));
        await File.WriteAllTextAsync(Path.Combine(_folder, "root.pem"), Pem(TestPki.RootCrl()));
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.txt"), "not a CRL, not read");
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);

        await store.RefreshAsync();

        Assert.Equal(1, Only(store.FindAll(CaName, CaKeyId))?.Count);
        Assert.Equal(1, Only(store.FindAll(CaName, []))?.Count);
        // Another key id falls back to the name: the verifier's signature check then calls that CRL invalid, not missing.
        Assert.Same(Only(store.FindAll(CaName, CaKeyId)), Only(store.FindAll(CaName, [0x01, 0x02])));
        Assert.NotNull(Only(store.FindAll(DerCertificate.Parse(TestPki.RootCertificate).SubjectName.Span, [])));
        var statistics = store.Statistics;
        Assert.Equal(2, statistics.Files);
        Assert.Equal(2, statistics.Crls);
        Assert.Equal(1, statistics.RevokedEntries);
        Assert.True(statistics.TableBytes > 0);
        Assert.NotNull(statistics.LastRefresh);
        Assert.Empty(statistics.LastErrors);
    }

    [Fact]
    public async Task The_newest_crl_of_an_issuer_wins()
    {
        var older = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-20), TestPki.Now.UtcDateTime.AddDays(10), []);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "a-newer.crl"), TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime)));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "b-older.crl"), older);
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);

        await store.RefreshAsync();

        Assert.Equal(TestPki.Now.AddDays(-10), Only(store.FindAll(CaName, CaKeyId))?.ThisUpdate);
    }

    [Fact]
    public async Task An_issuer_keeps_the_newest_crl_of_each_scope()
    {
        var arlName = new Org.BouncyCastle.Asn1.X509.X509Name("C=JP,O=Test Ministry,OU=Test HPKI Root CA,CN=SARL");
        var rarlName = new Org.BouncyCastle.Asn1.X509.X509Name("C=JP,O=Test Ministry,OU=Test HPKI Root CA,CN=RARL");
        var arl = CrlShapes.Idp(CrlShapes.Full(CrlShapes.Directory(arlName)), onlyCa: true);
        var rarl = CrlShapes.Idp(CrlShapes.Full(CrlShapes.Directory(rarlName)), onlyCa: true);
        var day = TestPki.Now.UtcDateTime;
        await File.WriteAllBytesAsync(Path.Combine(_folder, "arl-old.crl"), TestPki.Crl(TestPki.RootName, TestPki.RootKey, day.AddDays(-20), day.AddDays(10), [], CrlShapes.With(arl)));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "arl-new.crl"), TestPki.Crl(TestPki.RootName, TestPki.RootKey, day.AddDays(-2), day.AddDays(10), [], CrlShapes.With(arl)));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "rarl.crl"), TestPki.Crl(TestPki.RootName, TestPki.RootKey, day.AddDays(-30), day.AddDays(10), [], CrlShapes.With(rarl)));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "whole.crl"), TestPki.Crl(TestPki.RootName, TestPki.RootKey, day.AddDays(-5), day.AddDays(10), []));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "delta.crl"), TestPki.Crl(TestPki.RootName, TestPki.RootKey, day.AddDays(-1), day.AddDays(1), [],
            generator => generator.AddExtension(Org.BouncyCastle.Asn1.X509.X509Extensions.DeltaCrlIndicator, true, new Org.BouncyCastle.Asn1.X509.CrlNumber(Org.BouncyCastle.Math.BigInteger.One))));
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);

        await store.RefreshAsync();

        var found = store.FindAll(DerCertificate.Parse(TestPki.RootCertificate).SubjectName.Span, []);
        Assert.Equal(
            new[] { TestPki.Now.AddDays(-1), TestPki.Now.AddDays(-2), TestPki.Now.AddDays(-5), TestPki.Now.AddDays(-30) },
            found.Select(crl => crl.ThisUpdate).OrderDescending());
        Assert.Single(found, crl => crl.DeltaBaseCrlNumber is not null);
        Assert.Equal(5, store.Statistics.Crls);
    }

    [Fact]
    public async Task A_re_keyed_ca_keeps_one_crl_per_key()
    {
        var oldKey = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-20), TestPki.Now.UtcDateTime.AddDays(10), []);
        var newKey = TestPki.Crl(TestPki.CaName, TestPki.OtherKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(10), []);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "old-key.crl"), oldKey);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "new-key.crl"), newKey);
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);

        await store.RefreshAsync();

        Assert.Equal(TestPki.Now.AddDays(-20), Only(store.FindAll(CaName, CaKeyId))?.ThisUpdate);
        Assert.Equal(TestPki.Now.AddDays(-1), Only(store.FindAll(CaName, []))?.ThisUpdate);
    }

    [Fact]
    public async Task A_bad_new_file_keeps_the_old_crl_and_is_reported()
    {
        var path = Path.Combine(_folder, "ca.crl");
        await File.WriteAllBytesAsync(path, TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime)));
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);
        await store.RefreshAsync();
        var before = Only(store.FindAll(CaName, CaKeyId));

        await File.WriteAllBytesAsync(path, [0x30, 0x82, 0xFF, 0xFF, 0x01]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        await store.RefreshAsync();

        Assert.NotNull(before);
        Assert.Same(before, Only(store.FindAll(CaName, CaKeyId)));
        Assert.Contains(store.Statistics.LastErrors, error => error.Contains("ca.crl", StringComparison.Ordinal) && error.Contains("kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_above_the_size_limit_is_skipped_and_reported()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "ca.crl"), TestPki.CaCrl());
        using var store = new CrlStore(_folder, 64, TimeProvider.System);

        await store.RefreshAsync();

        Assert.Null(Only(store.FindAll(CaName, CaKeyId)));
        Assert.Contains(store.Statistics.LastErrors, error => error.Contains("above the limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_vanished_folder_keeps_the_old_snapshot()
    {
        await File.WriteAllBytesAsync(Path.Combine(_folder, "ca.crl"), TestPki.CaCrl());
        var moved = _folder + "-moved";
        using var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);
        await store.RefreshAsync();

        Directory.Move(_folder, moved);
        try
        {
            await store.RefreshAsync();
            Assert.NotNull(Only(store.FindAll(CaName, CaKeyId)));
            Assert.Contains(store.Statistics.LastErrors, error => error.Contains("cannot be read", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Move(moved, _folder);
        }
    }

    [Fact]
    public async Task Lookups_continue_while_a_large_crl_loads()
    {
        using var key = RSA.Create(2048);
        await File.WriteAllBytesAsync(Path.Combine(_folder, "ca.crl"), TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime)));
        var largeName = DerCertificate.Parse(TestPki.RootCertificate).SubjectName.ToArray();
        var large = LargeCrl.Build(key, largeName, 300_000);
        using var store = new CrlStore(_folder, 64L * 1024 * 1024, TimeProvider.System);
        await store.RefreshAsync();

        await File.WriteAllBytesAsync(Path.Combine(_folder, "large.crl"), large);
        using var running = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task? refresh = null;
        var lookupsDuringRefresh = 0;
        var lookups = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // The CA's CRL stays visible through the swap: the old snapshot serves until the new one is in.
                if (Only(store.FindAll(CaName, CaKeyId))?.TryGetRevocation([0x10, 0x01], out _, out _) != true)
                {
                    throw new InvalidOperationException("The CA's CRL disappeared during a refresh.");
                }

                running.Set();
                if (Volatile.Read(ref refresh) is { IsCompleted: false })
                {
                    Interlocked.Increment(ref lookupsDuringRefresh);
                }
            }
        });

        Assert.True(running.Wait(TimeSpan.FromSeconds(30)));
        refresh = store.RefreshAsync();
        await refresh.WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await lookups;

        Assert.True(lookupsDuringRefresh > 0);
        Assert.Equal(300_000, Only(store.FindAll(largeName, []))?.Count);
        Assert.True(Only(store.FindAll(largeName, []))!.TryGetRevocation(LargeCrl.Serial(123_456), out _, out _));
    }

    [Fact]
    public async Task Background_refresh_picks_up_a_new_file_and_stops_on_dispose()
    {
        var store = new CrlStore(_folder, 1024 * 1024, TimeProvider.System);
        store.StartBackgroundRefresh(TimeSpan.FromMilliseconds(50));

        await File.WriteAllBytesAsync(Path.Combine(_folder, "ca.crl"), TestPki.CaCrl());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Only(store.FindAll(CaName, CaKeyId)) is null)
        {
            await Task.Delay(20, deadline.Token);
        }

        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => store.StartBackgroundRefresh(TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Pem(byte[] der) => new(System.Security.Cryptography.PemEncoding.Write("X509 CRL", der));
}
