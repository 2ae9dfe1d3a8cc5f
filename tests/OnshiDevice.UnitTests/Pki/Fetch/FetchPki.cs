using Microsoft.Extensions.Time.Testing;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Fetch;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace OnshiDevice.UnitTests.Pki.Fetch;

/// <summary>
/// The test hierarchy of <see cref="TestPki"/> whose certificates name distribution points on a
/// <see cref="LocalCrlServer"/>: the root its RARL (/rarl.crl), the CA the root's ARL (/arl.crl); the CA's own CRL
/// for the cards is at /ca.crl, named only by configuration. A CRL folder of its own, the clock at <see cref="TestPki.Now"/>.
/// </summary>
internal sealed class FetchPki : IAsyncDisposable
{
    public const string RarlPath = "/rarl.crl";
    public const string ArlPath = "/arl.crl";
    public const string CaCrlPath = "/ca.crl";

    private readonly string _root = Directory.CreateTempSubdirectory("onshi-crl-fetch-").FullName;

    private FetchPki(LocalCrlServer server)
    {
        Server = server;
        Directory.CreateDirectory(CrlFolder);
        var root = DerCertificate.Parse(TestPki.Root(spec => spec.Extensions.Add(DistributionPoint(server.At(RarlPath)))));
        var ca = DerCertificate.Parse(TestPki.Ca(spec => spec.Extensions.Add(DistributionPoint(server.At(ArlPath)))));
        Trust = new TrustStore(new Dictionary<CertificatePurpose, IReadOnlyList<DerCertificate>> { [CertificatePurpose.HpkiSigning] = [root] }, [ca]);
    }

    public LocalCrlServer Server { get; }

    public TrustStore Trust { get; }

    public FakeTimeProvider Time { get; } = new(TestPki.Now);

    public string CrlFolder => Path.Combine(_root, "crls");

    public static async Task<FetchPki> StartAsync() => new(await LocalCrlServer.StartAsync());

    /// <summary>The file a CRL fetched from <paramref name="path"/> of the server is written to.</summary>
    public string FileFor(string path) => Path.Combine(CrlFolder, CrlLocation.FileNameFor(Server.At(path)));

    /// <summary>The root's CRL (its ARL or RARL), current around <see cref="TestPki.Now"/> unless told otherwise.</summary>
    public static byte[] RootCrl(int daysOld = 1, long number = 1, AsymmetricCipherKeyPair? signer = null, int daysValid = 30, Action<X509V2CrlGenerator>? tweak = null) =>
        TestPki.Crl(TestPki.RootName, signer ?? TestPki.RootKey, TestPki.Now.UtcDateTime.AddDays(-daysOld), TestPki.Now.UtcDateTime.AddDays(daysValid - daysOld), [], tweak, number);

    /// <summary>The root's RARL: as the real one, scoped by an issuingDistributionPoint (here its address), so it never stands for the ARL.</summary>
    public static byte[] Rarl(Uri location) => RootCrl(tweak: crl => crl.AddExtension(X509Extensions.IssuingDistributionPoint, true, new IssuingDistributionPoint(
        new Org.BouncyCastle.Asn1.X509.DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, location.AbsoluteUri))), false, false, null, false, false)));

    /// <summary>The CA's CRL for the cards.</summary>
    public static byte[] CaCrl(int daysOld = 1, long number = 1) =>
        TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-daysOld), TestPki.Now.UtcDateTime.AddDays(30 - daysOld), [(0x1001, TestPki.Now.UtcDateTime.AddDays(-40))], null, number);

    /// <summary>Serves good CRLs at all three addresses.</summary>
    public void ServeCurrentCrls()
    {
        Server.Serve(RarlPath, Rarl(Server.At(RarlPath)));
        Server.Serve(ArlPath, RootCrl());
        Server.Serve(CaCrlPath, CaCrl());
    }

    public async Task<IReadOnlyList<CrlFetchResult>> FetchAsync(TimeSpan? timeout = null, long maxBytes = 1 << 20, params Uri[] configured)
    {
        using var downloader = new CrlDownloader(timeout ?? TimeSpan.FromSeconds(30), maxBytes);
        return await new CrlFetcher(Trust, CrlFolder, downloader, Time, configured, maxBytes).FetchAllAsync(CancellationToken.None);
    }

    public CrlFetchResult ResultFor(IEnumerable<CrlFetchResult> results, string path) => results.Single(result => result.Location == Server.At(path));

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>cRLDistributionPoints with one URI.</summary>
    public static (DerObjectIdentifier, bool, Asn1Encodable) DistributionPoint(Uri location) =>
        (X509Extensions.CrlDistributionPoints, false, new CrlDistPoint(
        [
            new Org.BouncyCastle.Asn1.X509.DistributionPoint(
                new Org.BouncyCastle.Asn1.X509.DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, location.AbsoluteUri))), null, null),
        ]));
}
