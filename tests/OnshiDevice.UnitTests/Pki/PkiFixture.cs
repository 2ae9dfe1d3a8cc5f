using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// A verifier over a temporary CRL folder, with the standard root as anchor (of every purpose unless told which)
/// and the CA as stored intermediate unless told otherwise.
/// </summary>
internal sealed class PkiFixture : IDisposable
{
    private PkiFixture(string folder, CrlStore crls, CertificateVerifier verifier)
    {
        Folder = folder;
        Crls = crls;
        Verifier = verifier;
    }

    public string Folder { get; }

    public CrlStore Crls { get; }

    public CertificateVerifier Verifier { get; }

    /// <summary>
    /// <paramref name="crls"/> null = the standard fresh root and CA CRLs with nothing revoked.
    /// </summary>
    public static PkiFixture Create(
        IEnumerable<byte[]>? crls = null,
        bool caInStore = true,
        PkiOptions? options = null,
        byte[]? anchor = null,
        byte[]? ca = null,
        IReadOnlyList<CertificatePurpose>? anchoredPurposes = null)
    {
        var folder = Directory.CreateTempSubdirectory("onshi-pki-").FullName;
        var index = 0;
        foreach (var crl in crls ?? [TestPki.RootCrl(), TestPki.CaCrl()])
        {
            File.WriteAllBytes(Path.Combine(folder, $"crl{index++}.crl"), crl);
        }

        var store = new CrlStore(folder, 64L * 1024 * 1024, TimeProvider.System);
        store.RefreshAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        IReadOnlyList<DerCertificate> anchors = [DerCertificate.Parse(anchor ?? TestPki.RootCertificate)];
        var trust = new TrustStore(
            (anchoredPurposes ?? Enum.GetValues<CertificatePurpose>()).ToDictionary(purpose => purpose, _ => anchors),
            caInStore ? [DerCertificate.Parse(ca ?? TestPki.CaCertificate)] : []);
        return new PkiFixture(folder, store, new CertificateVerifier(trust, store, options ?? new PkiOptions(), TimeProvider.System));
    }

    public VerificationResult Verify(byte[] der, CertificatePurpose purpose, VerificationOptions? options = null) =>
        Verifier.Verify(der, purpose, (options ?? VerificationOptions.Default) with { At = (options?.At) ?? TestPki.Now });

    public void Dispose()
    {
        Crls.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
