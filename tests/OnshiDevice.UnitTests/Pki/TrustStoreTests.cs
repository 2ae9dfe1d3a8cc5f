using OnshiDevice.Pki;

namespace OnshiDevice.UnitTests.Pki;

public sealed class TrustStoreTests : IDisposable
{
    private readonly string _anchors = Directory.CreateTempSubdirectory("onshi-anchors-").FullName;
    private readonly string _intermediates = Directory.CreateTempSubdirectory("onshi-intermediates-").FullName;

    private Dictionary<CertificatePurpose, string> HpkiSigningOnly => new() { [CertificatePurpose.HpkiSigning] = _anchors };

    [Fact]
    public void Der_and_pem_files_load()
    {
        File.WriteAllBytes(Path.Combine(_anchors, "root.cer"), TestPki.RootCertificate);
        File.WriteAllText(Path.Combine(_intermediates, "ca.pem"),
            "comment line\n" + new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", TestPki.CaCertificate)) + "\n");
        File.WriteAllText(Path.Combine(_intermediates, "readme.txt"), "ignored");

        var store = TrustStore.Load(HpkiSigningOnly, _intermediates);

        Assert.Equal(TestPki.RootCertificate, Assert.Single(store.Anchors).Encoded.ToArray());
        Assert.Equal(TestPki.CaCertificate, Assert.Single(store.Intermediates).Encoded.ToArray());
    }

    [Fact]
    public void An_anchor_anchors_only_the_purposes_whose_folder_holds_it()
    {
        File.WriteAllBytes(Path.Combine(_anchors, "root.cer"), TestPki.RootCertificate);

        var store = TrustStore.Load(HpkiSigningOnly, null);

        Assert.Single(store.AnchorsFor(CertificatePurpose.HpkiSigning));
        Assert.Empty(store.AnchorsFor(CertificatePurpose.HpkiAuthentication));
        Assert.Empty(store.AnchorsFor(CertificatePurpose.JpkiAuthentication));
        Assert.Equal(
            [CertificatePurpose.JpkiAuthentication, CertificatePurpose.JpkiSigning, CertificatePurpose.HpkiAuthentication],
            store.PurposesWithoutAnchors);
    }

    [Fact]
    public void A_folder_named_for_two_purposes_is_read_once_and_its_certificates_shared()
    {
        File.WriteAllBytes(Path.Combine(_anchors, "root.cer"), TestPki.RootCertificate);

        var store = TrustStore.Load(
            new Dictionary<CertificatePurpose, string> { [CertificatePurpose.HpkiSigning] = _anchors, [CertificatePurpose.HpkiAuthentication] = _anchors + "/." },
            null);

        Assert.Same(Assert.Single(store.AnchorsFor(CertificatePurpose.HpkiSigning)), Assert.Single(store.AnchorsFor(CertificatePurpose.HpkiAuthentication)));
        Assert.Single(store.Anchors);
    }

    [Fact]
    public void A_blank_folder_means_no_anchor_for_that_purpose()
    {
        var store = TrustStore.Load(new Dictionary<CertificatePurpose, string> { [CertificatePurpose.JpkiSigning] = " " }, null);

        Assert.Empty(store.Anchors);
        Assert.Equal(4, store.PurposesWithoutAnchors.Count);
    }

    [Fact]
    public void A_file_that_is_not_a_certificate_is_named_in_the_error()
    {
        File.WriteAllBytes(Path.Combine(_anchors, "root.cer"), TestPki.RootCertificate);
        File.WriteAllBytes(Path.Combine(_intermediates, "broken.der"), [0x30, 0x03, 0x02, 0x01]);

        var exception = Assert.Throws<TrustStoreException>(() => TrustStore.Load(HpkiSigningOnly, _intermediates));

        Assert.Contains("broken.der", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_anchor_that_is_not_self_signed_is_refused()
    {
        File.WriteAllBytes(Path.Combine(_anchors, "ca.cer"), TestPki.CaCertificate);

        var exception = Assert.Throws<TrustStoreException>(() => TrustStore.Load(HpkiSigningOnly, null));

        Assert.Contains("ca.cer", exception.Message, StringComparison.Ordinal);
        Assert.Contains("self-signed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_issued_anchor_with_a_foreign_signature_is_refused()
    {
        var forged = TestPki.Root(spec => spec.IssuerKey = TestPki.OtherKey);
        File.WriteAllBytes(Path.Combine(_anchors, "forged.cer"), forged);

        Assert.Throws<TrustStoreException>(() => TrustStore.Load(HpkiSigningOnly, null));
    }

    [Fact]
    public void Missing_or_empty_folders_are_errors()
    {
        Assert.Throws<TrustStoreException>(() => TrustStore.Load(HpkiSigningOnly, null));
        Assert.Throws<TrustStoreException>(() => TrustStore.Load(
            new Dictionary<CertificatePurpose, string> { [CertificatePurpose.HpkiSigning] = Path.Combine(_anchors, "missing") }, null));
    }

    public void Dispose()
    {
        Directory.Delete(_anchors, recursive: true);
        Directory.Delete(_intermediates, recursive: true);
    }
}
