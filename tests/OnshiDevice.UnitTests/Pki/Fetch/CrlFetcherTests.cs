using OnshiDevice.Pki.Fetch;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.UnitTests.Pki.Fetch;

/// <summary>
/// The fetch against a local HTTP server: what the configured certificates name is fetched, a good CRL is
/// installed, every kind of bad one is refused with why and the installed file is left exactly as it was, and one
/// CRL's failure does not stop the others.
/// </summary>
public sealed class CrlFetcherTests : IAsyncLifetime
{
    private static readonly string RootName = OnshiDevice.Pki.Certificates.DerCertificate.Parse(TestPki.RootCertificate).Issuer;
    private static readonly string CaName = CertificateRevocationList.Parse(FetchPki.CaCrl()).Issuer;

    private FetchPki _pki = null!;

    public async Task InitializeAsync() => _pki = await FetchPki.StartAsync();

    public async Task DisposeAsync() => await _pki.DisposeAsync();

    [Fact]
    public async Task Good_crls_from_the_certificates_distribution_points_are_installed_and_the_store_loads_them()
    {
        _pki.ServeCurrentCrls();

        var results = await _pki.FetchAsync(configured: _pki.Server.At(FetchPki.CaCrlPath));

        Assert.Equal([_pki.Server.At(FetchPki.RarlPath), _pki.Server.At(FetchPki.ArlPath), _pki.Server.At(FetchPki.CaCrlPath)], results.Select(result => result.Location));
        Assert.All(results, result => Assert.Equal(CrlFetchOutcome.Updated, result.Outcome));
        Assert.Equal(FetchPki.RootCrl(), File.ReadAllBytes(_pki.FileFor(FetchPki.ArlPath)));
        Assert.Equal(FetchPki.CaCrl(), File.ReadAllBytes(_pki.FileFor(FetchPki.CaCrlPath)));
        Assert.StartsWith($"wrote {Path.GetFileName(_pki.FileFor(FetchPki.ArlPath))} (CRL number 1, thisUpdate 2026-05-31T00:00:00Z, nextUpdate 2026-06-30T00:00:00Z)", _pki.ResultFor(results, FetchPki.ArlPath).Detail, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_pki.CrlFolder, "*.partial"));

        using var store = new CrlStore(_pki.CrlFolder, 1 << 20, _pki.Time);
        await store.RefreshAsync();
        Assert.Equal(3, store.Statistics.Files);
        Assert.Empty(store.Statistics.LastErrors);
    }

    [Fact]
    public async Task A_crl_served_as_pem_is_installed_as_its_der()
    {
        _pki.ServeCurrentCrls();
        var der = FetchPki.RootCrl(daysOld: 0, number: 2);
        _pki.Server.Serve(FetchPki.ArlPath, System.Text.Encoding.ASCII.GetBytes(System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", der)));

        var results = await _pki.FetchAsync();

        Assert.Equal(CrlFetchOutcome.Updated, _pki.ResultFor(results, FetchPki.ArlPath).Outcome);
        Assert.Equal(der, File.ReadAllBytes(_pki.FileFor(FetchPki.ArlPath)));
    }

    [Fact]
    public async Task The_same_crl_again_is_unchanged_and_its_file_is_not_rewritten()
    {
        _pki.ServeCurrentCrls();
        await _pki.FetchAsync();
        var file = _pki.FileFor(FetchPki.ArlPath);
        File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var again = await _pki.FetchAsync();

        Assert.Equal(CrlFetchOutcome.Unchanged, _pki.ResultFor(again, FetchPki.ArlPath).Outcome);
        Assert.StartsWith($"the installed {Path.GetFileName(file)} is this CRL", _pki.ResultFor(again, FetchPki.ArlPath).Detail, StringComparison.Ordinal);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public async Task A_newer_crl_replaces_the_installed_one()
    {
        _pki.ServeCurrentCrls();
        await _pki.FetchAsync();
        var newer = FetchPki.RootCrl(daysOld: 0, number: 2);
        _pki.Server.Serve(FetchPki.ArlPath, newer);

        var results = await _pki.FetchAsync();

        Assert.Equal(CrlFetchOutcome.Updated, _pki.ResultFor(results, FetchPki.ArlPath).Outcome);
        Assert.Equal(2, (int)_pki.ResultFor(results, FetchPki.ArlPath).CrlNumber!.Value);
        Assert.Equal(newer, File.ReadAllBytes(_pki.FileFor(FetchPki.ArlPath)));
    }

    public static TheoryData<string, string> BadCrls => new()
    {
        { "wrong key", "its signature does not verify with the key of '{root}'" },
        { "wrong issuer", "issued by '{ca}', not by '{root}' (whose CRL the cRLDistributionPoints of '{ca}' name here)" },
        { "older thisUpdate", "older than the installed " },
        { "lower CRL number", "older than the installed " },
        { "expired", "expired: its nextUpdate 2026-05-21T00:00:00Z has passed" },
        { "no nextUpdate", "it has no nextUpdate, so it would never count as current" },
        { "delta", "a delta CRL, which is never used in place of a complete CRL" },
        { "garbage", "not a CRL (600 bytes): " },
        { "unknown critical extension", "CRL has the unknown critical extension 1.2.3.4." },
        { "too big", "larger than 4096 bytes (Pki:MaxCrlFileBytes)" },
        { "too big, length not announced", "larger than 4096 bytes (Pki:MaxCrlFileBytes)" },
    };

    [Theory]
    [MemberData(nameof(BadCrls))]
    public async Task A_bad_crl_is_refused_with_why_and_the_installed_one_is_kept(string kind, string why)
    {
        _pki.ServeCurrentCrls();
        _pki.Server.Serve(FetchPki.ArlPath, FetchPki.RootCrl(daysOld: 2, number: 5));
        Assert.All(await _pki.FetchAsync(maxBytes: 4096), result => Assert.Equal(CrlFetchOutcome.Updated, result.Outcome));
        var installed = File.ReadAllBytes(_pki.FileFor(FetchPki.ArlPath));
        var filesBefore = Directory.GetFiles(_pki.CrlFolder).Order().ToArray();
        var garbage = new byte[600];
        new Random(9).NextBytes(garbage);
        var bad = kind switch
        {
            "wrong key" => FetchPki.RootCrl(daysOld: 0, number: 6, signer: TestPki.OtherKey),
            "wrong issuer" => FetchPki.CaCrl(daysOld: 0, number: 6),
            "older thisUpdate" => FetchPki.RootCrl(daysOld: 3, number: 6),
            "lower CRL number" => FetchPki.RootCrl(daysOld: 0, number: 4),
            "expired" => FetchPki.RootCrl(daysOld: 0, number: 6, daysValid: -11),
            "no nextUpdate" => TestPki.Crl(TestPki.RootName, TestPki.RootKey, TestPki.Now.UtcDateTime, null, [], null, 6),
            "delta" => FetchPki.RootCrl(daysOld: 0, number: 6, tweak: crl => crl.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(Org.BouncyCastle.Math.BigInteger.ValueOf(5)))),
            "garbage" => garbage,
            "unknown critical extension" => FetchPki.RootCrl(daysOld: 0, number: 6, tweak: crl => crl.AddExtension(new DerObjectIdentifier("1.2.3.4"), true, DerNull.Instance)),
            _ => new byte[4097],
        };
        _pki.Server.Serve(FetchPki.ArlPath, bad, announceLength: kind != "too big, length not announced");

        var results = await _pki.FetchAsync(maxBytes: 4096);

        var arl = _pki.ResultFor(results, FetchPki.ArlPath);
        Assert.Equal(CrlFetchOutcome.Refused, arl.Outcome);
        Assert.StartsWith(why.Replace("{root}", RootName, StringComparison.Ordinal).Replace("{ca}", CaName, StringComparison.Ordinal), arl.Detail, StringComparison.Ordinal);
        Assert.Null(arl.File);
        Assert.Equal(installed, File.ReadAllBytes(_pki.FileFor(FetchPki.ArlPath)));
        Assert.Equal(filesBefore, Directory.GetFiles(_pki.CrlFolder).Order().ToArray());
        Assert.Equal(CrlFetchOutcome.Unchanged, _pki.ResultFor(results, FetchPki.RarlPath).Outcome);
    }

    [Fact]
    public async Task A_slow_server_and_an_unreachable_one_are_reported_and_the_others_still_fetched()
    {
        _pki.Server.Stall(FetchPki.RarlPath);
        _pki.Server.Stall(FetchPki.ArlPath, firstBytes: FetchPki.RootCrl()[..100]);
        _pki.Server.Serve(FetchPki.CaCrlPath, FetchPki.CaCrl());
        var closed = ClosedLoopbackAddress();

        var results = await _pki.FetchAsync(timeout: TimeSpan.FromSeconds(1), configured: [_pki.Server.At(FetchPki.CaCrlPath), closed]);

        Assert.Equal((CrlFetchOutcome.Unreachable, "no complete answer within 1 s"), (_pki.ResultFor(results, FetchPki.RarlPath).Outcome, _pki.ResultFor(results, FetchPki.RarlPath).Detail));
        Assert.Equal((CrlFetchOutcome.Unreachable, "no complete answer within 1 s"), (_pki.ResultFor(results, FetchPki.ArlPath).Outcome, _pki.ResultFor(results, FetchPki.ArlPath).Detail));
        var unreachable = results.Single(result => result.Location == closed);
        Assert.Equal(CrlFetchOutcome.Unreachable, unreachable.Outcome);
        Assert.StartsWith("cannot connect: ", unreachable.Detail, StringComparison.Ordinal);
        Assert.Equal(CrlFetchOutcome.Updated, _pki.ResultFor(results, FetchPki.CaCrlPath).Outcome);
        Assert.False(File.Exists(_pki.FileFor(FetchPki.ArlPath)));
        Assert.Single(Directory.GetFiles(_pki.CrlFolder));
    }

    [Fact]
    public async Task An_installed_crl_is_fetched_again_from_the_address_its_issuing_distribution_point_names()
    {
        var published = _pki.Server.At("/published/ca-sign.crl");
        var idp = new Org.BouncyCastle.Asn1.X509.IssuingDistributionPoint(
            new Org.BouncyCastle.Asn1.X509.DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, published.AbsoluteUri))), true, false, null, false, false);
        byte[] CaCrl(int daysOld, long number) => TestPki.Crl(
            TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-daysOld), TestPki.Now.UtcDateTime.AddDays(20), [],
            crl => crl.AddExtension(X509Extensions.IssuingDistributionPoint, true, idp), number);
        File.WriteAllBytes(Path.Combine(_pki.CrlFolder, "jma-sign.crl"), CaCrl(5, 1));
        _pki.Server.Serve(published.AbsolutePath, CaCrl(0, 2));

        var results = await _pki.FetchAsync();

        var refetched = results.Single(result => result.Location == published);
        Assert.Equal(CrlFetchOutcome.Updated, refetched.Outcome);
        Assert.Equal(CaCrl(0, 2), File.ReadAllBytes(Path.Combine(_pki.CrlFolder, CrlLocation.FileNameFor(published))));
        Assert.Equal(1, _pki.Server.RequestsTo(published.AbsolutePath));
    }

    [Fact]
    public async Task A_configured_address_serving_a_crl_of_no_configured_ca_is_refused()
    {
        _pki.ServeCurrentCrls();
        var stranger = TestPki.Crl(new X509Name("C=JP,O=Somebody Else,CN=Other CA"), TestPki.OtherKey, TestPki.Now.UtcDateTime, TestPki.Now.UtcDateTime.AddDays(3), []);
        _pki.Server.Serve("/other.crl", stranger);

        var results = await _pki.FetchAsync(configured: _pki.Server.At("/other.crl"));

        Assert.Equal(
            (CrlFetchOutcome.Refused, $"no configured CA certificate is named '{OnshiDevice.Pki.Revocation.CertificateRevocationList.Parse(stranger).Issuer}' (add it to Pki:Intermediates or the trust anchors)"),
            (_pki.ResultFor(results, "/other.crl").Outcome, _pki.ResultFor(results, "/other.crl").Detail));
    }

    [Fact]
    public async Task Without_a_crl_folder_or_anything_to_fetch_the_fetch_says_so()
    {
        using var downloader = new CrlDownloader(TimeSpan.FromSeconds(5), 1 << 20);
        var noFolder = new CrlFetcher(_pki.Trust, string.Empty, downloader, _pki.Time, [], 1 << 20);
        var missing = Path.Combine(_pki.CrlFolder, "not-there");
        var missingFolder = new CrlFetcher(_pki.Trust, missing, downloader, _pki.Time, [], 1 << 20);
        // A root whose only distribution point is LDAP names nothing to fetch.
        var ldapOnly = OnshiDevice.Pki.Certificates.DerCertificate.Parse(TestPki.Root(spec => spec.Extensions.Add(FetchPki.DistributionPoint(new Uri("ldap://ldap.test/cn=root?certificateRevocationList")))));
        var bare = new OnshiDevice.Pki.TrustStore(new Dictionary<OnshiDevice.Pki.CertificatePurpose, IReadOnlyList<OnshiDevice.Pki.Certificates.DerCertificate>> { [OnshiDevice.Pki.CertificatePurpose.HpkiSigning] = [ldapOnly] }, []);
        var nothing = new CrlFetcher(bare, _pki.CrlFolder, downloader, _pki.Time, [], 1 << 20);

        Assert.Equal("no CRL folder is configured (Pki:Crls), so there is nowhere to put CRLs", (await Assert.ThrowsAsync<CrlFetchException>(() => noFolder.FetchAllAsync(CancellationToken.None))).Message);
        Assert.Equal($"the CRL folder {missing} (Pki:Crls) does not exist", (await Assert.ThrowsAsync<CrlFetchException>(() => missingFolder.FetchAllAsync(CancellationToken.None))).Message);
        Assert.Equal("no configured certificate names an http(s) CRL distribution point, and Pki:CrlFetch:Urls is empty", (await Assert.ThrowsAsync<CrlFetchException>(() => nothing.FetchAllAsync(CancellationToken.None))).Message);
    }

    /// <summary>A loopback port nothing listens on: bound once to learn a free one, then closed.</summary>
    internal static Uri ClosedLoopbackAddress()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/gone.crl");
    }
}
