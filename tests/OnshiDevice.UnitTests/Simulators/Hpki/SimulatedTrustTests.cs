using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.Simulators.Hpki;

public sealed class SimulatedTrustTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onshi-sim-trust-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Writes_anchors_intermediates_and_crls_as_the_in_memory_bytes()
    {
        var written = SimulatedTrust.WriteTo(_folder, Now);

        Assert.Equal(13, written.Count);
        AssertFolder("anchors", SimulatedTrust.Anchors);
        AssertFolder("intermediates", SimulatedTrust.Intermediates);
        AssertFolder("crls", SimulatedTrust.Crls(Now));
        Assert.All(written, path => Assert.True(File.Exists(path)));
    }

    [Fact]
    public void Anchors_are_the_three_self_signed_roots_and_intermediates_the_hpki_cas()
    {
        Assert.Equal(
            new[] { TestJpkiHierarchy.Default.AuthCaCertificate, TestJpkiHierarchy.Default.SigningCaCertificate, TestHpkiHierarchy.Default.RootCertificate }
                .Select(Convert.ToHexString).Order(),
            SimulatedTrust.Anchors.Values.Select(Convert.ToHexString).Order());
        foreach (var der in SimulatedTrust.Anchors.Values)
        {
            using var anchor = X509CertificateLoader.LoadCertificate(der);
            Assert.Equal(anchor.Subject, anchor.Issuer);
        }

        Assert.Equal(
            new[] { TestHpkiHierarchy.Default.SigningCaCertificate, TestHpkiHierarchy.Default.AuthenticationCaCertificate }.Select(Convert.ToHexString).Order(),
            SimulatedTrust.Intermediates.Values.Select(Convert.ToHexString).Order());
    }

    [Fact]
    public void Every_issuing_ca_has_a_fresh_crl_signed_by_it()
    {
        var crls = SimulatedTrust.Crls(Now);
        var issuers = new Dictionary<string, byte[]>
        {
            ["jpki-test-auth-root.crl"] = TestJpkiHierarchy.Default.AuthCaCertificate,
            ["jpki-test-auth-root-arl.crl"] = TestJpkiHierarchy.Default.AuthCaCertificate,
            ["jpki-test-sign-root.crl"] = TestJpkiHierarchy.Default.SigningCaCertificate,
            ["jpki-test-sign-root-arl.crl"] = TestJpkiHierarchy.Default.SigningCaCertificate,
            ["hpki-test-root-arl.crl"] = TestHpkiHierarchy.Default.RootCertificate,
            ["hpki-test-root-rarl.crl"] = TestHpkiHierarchy.Default.RootCertificate,
            ["hpki-test-signing-ca.crl"] = TestHpkiHierarchy.Default.SigningCaCertificate,
            ["hpki-test-auth-ca.crl"] = TestHpkiHierarchy.Default.AuthenticationCaCertificate,
        };
        Assert.Equal(issuers.Keys.Order(), crls.Keys.Order());
        foreach (var (name, issuer) in issuers)
        {
            var crl = ParsedCrl.Parse(crls[name]);
            Assert.True(crl.IsIssuedBy(issuer), name);
            Assert.True(crl.IsSignedBy(issuer), name);
            Assert.Equal(Now.AddHours(-1), crl.ThisUpdate);
            Assert.Equal(Now.AddDays(7), crl.NextUpdate);
            Assert.Equal(Now.ToUnixTimeSeconds(), (long)crl.CrlNumber());
        }

        foreach (var name in issuers.Keys.Where(name => name.Contains("root", StringComparison.Ordinal)))
        {
            Assert.Empty(ParsedCrl.Parse(crls[name]).Entries);
        }
    }

    [Fact]
    public void Hpki_crls_list_the_revoked_card_and_no_other()
    {
        var crls = SimulatedTrust.Crls(Now);
        var signing = Assert.Single(ParsedCrl.Parse(crls["hpki-test-signing-ca.crl"]).Entries);
        var authentication = Assert.Single(ParsedCrl.Parse(crls["hpki-test-auth-ca.crl"]).Entries);
        Assert.Equal(ParsedCrl.SerialOf(VirtualHpkiCards.RevokedCredentials.SigningCertificate), signing.Serial);
        Assert.Equal(ParsedCrl.SerialOf(VirtualHpkiCards.RevokedCredentials.AuthenticationCertificate), authentication.Serial);
        Assert.Equal(VirtualHpkiCards.RevokedAt, signing.RevokedAt);
        Assert.NotEqual(ParsedCrl.SerialOf(VirtualHpkiCards.DoctorCredentials.SigningCertificate), signing.Serial);
    }

    [Fact]
    public void Revocation_never_postdates_the_crl()
    {
        var early = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = Assert.Single(ParsedCrl.Parse(SimulatedTrust.Crls(early)["hpki-test-signing-ca.crl"]).Entries);
        Assert.Equal(early.AddHours(-1), entry.RevokedAt);
    }

    [Fact]
    public void Jpki_crl_issuing_lists_serials_and_the_test_only_crl_fails_the_signature_check()
    {
        var thisUpdate = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var revoked = RevokedCertificate.Of(VirtualMyNumberCards.StandardCredentials.AuthCertificate, thisUpdate.AddDays(-3));
        var crl = ParsedCrl.Parse(TestJpkiHierarchy.Default.IssueCrl(JpkiAuthority.Authentication, [revoked], thisUpdate, thisUpdate.AddDays(1), 7));
        Assert.True(crl.IsSignedBy(TestJpkiHierarchy.Default.AuthCaCertificate));
        Assert.False(crl.IsSignedBy(TestJpkiHierarchy.Default.SigningCaCertificate));
        Assert.Equal(ParsedCrl.SerialOf(VirtualMyNumberCards.StandardCredentials.AuthCertificate), Assert.Single(crl.Entries).Serial);
        Assert.Equal(7, crl.CrlNumber());

        var forged = ParsedCrl.Parse(TestJpkiHierarchy.Default.IssueCrlSignedByWrongKeyForTests(JpkiAuthority.Signing, [], thisUpdate, thisUpdate.AddDays(1), 8));
        Assert.True(forged.IsIssuedBy(TestJpkiHierarchy.Default.SigningCaCertificate));
        Assert.False(forged.IsSignedBy(TestJpkiHierarchy.Default.SigningCaCertificate));
    }

    [Fact]
    public void Test_policy_is_the_jpki_test_card_policy()
    {
        Assert.Equal(["1.2.392.200149.8.5.1.0.20"], SimulatedTrust.TestPolicyOids);
    }

    private void AssertFolder(string folder, IReadOnlyDictionary<string, byte[]> expected)
    {
        var root = Path.Combine(_folder, folder);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        Assert.Equal(expected.Keys.Order(), files.Select(file => Path.GetRelativePath(root, file)).Order());
        foreach (var (name, der) in expected)
        {
            Assert.Equal(der, File.ReadAllBytes(Path.Combine(_folder, folder, name)));
        }
    }
}
