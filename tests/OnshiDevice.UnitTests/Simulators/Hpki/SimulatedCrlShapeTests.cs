using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.Simulators.Hpki;

/// <summary>
/// The simulated PKIs publish CRLs shaped like the real ones (critical IDPs whose distribution point is the one
/// the certificates name), and the product verifies the simulated cards against exactly that set.
/// </summary>
public sealed class SimulatedCrlShapeTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-sim-crl-").FullName;
    private readonly List<CrlStore> _stores = [];

    public static TheoryData<string, string, bool> CrlsAndTheCertificatesTheyCover() => new()
    {
        // CRL file, certificate whose first cRLDistributionPoint the CRL's IDP names, onlyContainsCACerts (else onlyContainsUserCerts)
        { "hpki-test-root-arl.crl", "hpki-signing-ca", true },
        { "hpki-test-root-rarl.crl", "hpki-root", true },
        { "hpki-test-signing-ca.crl", "hpki-doctor-signing", false },
        { "hpki-test-auth-ca.crl", "hpki-doctor-authentication", false },
        { "jpki-test-auth-root.crl", "jpki-authentication", false },
        { "jpki-test-auth-root-arl.crl", "jpki-auth-root", true },
        { "jpki-test-sign-root.crl", "jpki-signing", false },
        { "jpki-test-sign-root-arl.crl", "jpki-sign-root", true },
    };

    [Theory]
    [MemberData(nameof(CrlsAndTheCertificatesTheyCover))]
    public void Each_crl_has_a_critical_idp_naming_the_distribution_point_its_certificates_name(string file, string certificate, bool onlyCa)
    {
        var der = SimulatedTrust.Crls(Now)[file];
        var raw = ParsedCrl.Parse(der).Extensions["2.5.29.28"];
        var crl = CertificateRevocationList.Parse(der);
        var named = DerCertificate.Parse(Certificate(certificate)).CrlDistributionPoints[0].Name!.FullName![0];

        Assert.True(raw.Critical);
        Assert.Null(crl.Problem);
        var idp = crl.IssuingDistributionPoint!;
        Assert.True(named.Matches(Assert.Single(idp.Name!.FullName!)));
        Assert.Equal(onlyCa, idp.OnlyContainsCaCerts);
        Assert.Equal(!onlyCa, idp.OnlyContainsUserCerts);
        Assert.False(idp.IndirectCrl || idp.OnlyContainsAttributeCerts || idp.OnlySomeReasons is not null);
    }

    [Fact]
    public void The_hpki_certificates_name_their_crls_as_the_real_ones_do()
    {
        var root = DerCertificate.Parse(TestHpkiHierarchy.Default.RootCertificate);
        var ca = DerCertificate.Parse(TestHpkiHierarchy.Default.SigningCaCertificate);

        Assert.Equal(
            [$"DirName:CN=RARL, {root.Subject}", "URI:" + TestHpkiHierarchy.RarlUri],
            root.CrlDistributionPoints.Select(point => Assert.Single(point.Name!.FullName!).Text));
        Assert.Equal(
            [$"DirName:CN=SARL, {root.Subject}", "URI:" + TestHpkiHierarchy.ArlUri],
            ca.CrlDistributionPoints.Select(point => Assert.Single(point.Name!.FullName!).Text));
        Assert.All(new[] { TestHpkiHierarchy.ArlUri, TestHpkiHierarchy.RarlUri, TestHpkiHierarchy.SigningCrlUri, TestHpkiHierarchy.AuthenticationCrlUri },
            uri => Assert.StartsWith("http://hpki-test.invalid/", uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_simulated_cards_verify_against_the_simulated_trust_as_a_clinic_would_configure_it()
    {
        var verifier = await VerifierAsync();
        var at = new VerificationOptions { At = Now };

        foreach (var card in new[] { VirtualHpkiCards.DoctorCredentials, VirtualHpkiCards.PharmacistCredentials })
        {
            AssertGood(verifier.Verify(card.SigningCertificate, CertificatePurpose.HpkiSigning, at), 3);
            AssertGood(verifier.Verify(card.AuthenticationCertificate, CertificatePurpose.HpkiAuthentication, at), 3);
        }

        var revoked = verifier.Verify(VirtualHpkiCards.RevokedCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, at);
        Assert.Equal(RevocationStatus.Revoked, revoked.Revocation);
        Assert.Equal(FailureReason.Revoked, Assert.Single(revoked.Failures).Reason);
        var expired = verifier.Verify(VirtualHpkiCards.ExpiredCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, at);
        Assert.Equal(FailureReason.Expired, Assert.Single(expired.Failures).Reason);
        AssertGood(verifier.Verify(VirtualMyNumberCards.StandardCredentials.AuthCertificate, CertificatePurpose.JpkiAuthentication, at), 2);
        AssertGood(verifier.Verify(VirtualMyNumberCards.StandardCredentials.SigningCertificate, CertificatePurpose.JpkiSigning, at), 2);
    }

    [Fact]
    public async Task Without_the_roots_arl_the_ca_certificate_has_no_covering_crl()
    {
        // The RARL stays: it is the root's CRL too, but not the one the CA certificate names.
        var verifier = await VerifierAsync("hpki-test-root-arl.crl");

        var result = verifier.Verify(VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now });

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.CrlMissing, failure.Reason);
        Assert.Equal(1, failure.ChainIndex);
        Assert.Contains("CN=RARL", failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CrlScope.WholeIssuer, true)]
    [InlineData(CrlScope.AsIssued, true)]
    [InlineData(CrlScope.WrongCertificateKind, false)]
    [InlineData(CrlScope.AttributeCertificatesOnly, false)]
    [InlineData(CrlScope.SomeReasonsOnly, false)]
    [InlineData(CrlScope.Indirect, false)]
    [InlineData(CrlScope.OtherDistributionPoint, false)]
    public async Task A_ca_crl_of_each_scope_covers_the_doctors_certificate_or_does_not(CrlScope scope, bool covers)
    {
        var replaced = TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [], Now.AddHours(-1), Now.AddDays(1), 9, new CrlOptions { Scope = scope });
        var verifier = await VerifierAsync(replace: ("hpki-test-signing-ca.crl", replaced));

        var result = verifier.Verify(VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now });

        Assert.Equal(covers ? RevocationStatus.Good : RevocationStatus.Unknown, result.Revocation);
        Assert.True(covers || Assert.Single(result.Failures).Reason == FailureReason.CrlMissing);
    }

    [Theory]
    [InlineData(CrlScope.WholeIssuer, true)]
    [InlineData(CrlScope.AsIssued, true)]
    [InlineData(CrlScope.WrongCertificateKind, false)]
    [InlineData(CrlScope.OtherDistributionPoint, false)]
    public async Task A_root_arl_of_each_scope_covers_the_ca_certificate_or_does_not(CrlScope scope, bool covers)
    {
        var replaced = TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Root, [], Now.AddHours(-1), Now.AddDays(1), 9, new CrlOptions { Scope = scope });
        var verifier = await VerifierAsync(replace: ("hpki-test-root-arl.crl", replaced));

        var result = verifier.Verify(VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now });

        Assert.Equal(covers ? RevocationStatus.Good : RevocationStatus.Unknown, result.Revocation);
        Assert.True(covers || Assert.Single(result.Failures) is { Reason: FailureReason.CrlMissing, ChainIndex: 1 });
    }

    [Fact]
    public async Task Without_the_rarl_the_doctor_is_still_good_since_the_anchor_itself_is_not_checked()
    {
        var verifier = await VerifierAsync("hpki-test-root-rarl.crl");

        AssertGood(verifier.Verify(VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now }), 3);
    }

    [Fact]
    public async Task A_delta_crl_of_the_ca_alone_does_not_decide()
    {
        var delta = TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [], Now.AddHours(-1), Now.AddDays(1), 10, new CrlOptions { DeltaOfBaseCrlNumber = 9 });
        var verifier = await VerifierAsync(replace: ("hpki-test-signing-ca.crl", delta));

        var result = verifier.Verify(VirtualHpkiCards.DoctorCredentials.SigningCertificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now });

        Assert.Contains("delta CRL", Assert.Single(result.Failures).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_extensions_of_the_simulated_crls_reach_the_verdict()
    {
        var doctor = VirtualHpkiCards.DoctorCredentials.SigningCertificate;
        var withReason = RevokedCertificate.Of(doctor, Now.AddDays(-2)) with { Reason = 1, InvalidityDate = Now.AddDays(-9) };
        var verifier = await VerifierAsync(replace: ("hpki-test-signing-ca.crl",
            TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [withReason], Now.AddHours(-1), Now.AddDays(1), 11)));
        Assert.Contains("keyCompromise (1)", Assert.Single(verifier.Verify(doctor, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now }).Failures).Detail, StringComparison.Ordinal);

        var indirectEntry = RevokedCertificate.Of(doctor, Now.AddDays(-2)) with { CertificateIssuerName = TestHpkiHierarchy.Default.RootName.GetEncoded() };
        verifier = await VerifierAsync(replace: ("hpki-test-signing-ca.crl",
            TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [indirectEntry], Now.AddHours(-1), Now.AddDays(1), 12)));
        Assert.Contains("certificateIssuer", Assert.Single(verifier.Verify(doctor, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now }).Failures).Detail, StringComparison.Ordinal);

        var unknown = RevokedCertificate.Of(doctor, Now.AddDays(-2)) with { UnknownCriticalExtensionOid = "1.2.392.99999.4" };
        verifier = await VerifierAsync(replace: ("hpki-test-signing-ca.crl",
            TestHpkiHierarchy.Default.IssueCrl(HpkiAuthority.Signing, [unknown], Now.AddHours(-1), Now.AddDays(1), 13)));
        Assert.Equal(FailureReason.CrlInvalid, Assert.Single(verifier.Verify(doctor, CertificatePurpose.HpkiSigning, new VerificationOptions { At = Now }).Failures).Reason);
    }

    public void Dispose()
    {
        _stores.ForEach(store => store.Dispose());
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Certificate(string name) => name switch
    {
        "hpki-signing-ca" => TestHpkiHierarchy.Default.SigningCaCertificate,
        "hpki-root" => TestHpkiHierarchy.Default.RootCertificate,
        "hpki-doctor-signing" => VirtualHpkiCards.DoctorCredentials.SigningCertificate,
        "hpki-doctor-authentication" => VirtualHpkiCards.DoctorCredentials.AuthenticationCertificate,
        "jpki-authentication" => VirtualMyNumberCards.StandardCredentials.AuthCertificate,
        "jpki-auth-root" => TestJpkiHierarchy.Default.AuthCaCertificate,
        "jpki-signing" => VirtualMyNumberCards.StandardCredentials.SigningCertificate,
        _ => TestJpkiHierarchy.Default.SigningCaCertificate,
    };

    private static void AssertGood(VerificationResult result, int pathLength)
    {
        Assert.Empty(result.Failures);
        Assert.Equal(RevocationStatus.Good, result.Revocation);
        Assert.Equal(pathLength, result.Path.Count);
    }

    private async Task<CertificateVerifier> VerifierAsync(string? without = null, (string File, byte[] Der)? replace = null)
    {
        var folder = Path.Combine(_folder, Guid.NewGuid().ToString("N"));
        SimulatedTrust.WriteTo(folder, Now);
        var crlFolder = Path.Combine(folder, SimulatedTrust.CrlsFolder);
        if (without is not null)
        {
            File.Delete(Path.Combine(crlFolder, without));
        }

        if (replace is { } replacement)
        {
            await File.WriteAllBytesAsync(Path.Combine(crlFolder, replacement.File), replacement.Der);
        }

        var trust = OnshiDevice.UnitTests.Pki.SimulatedTrustStore.Load(folder);
        var crls = new CrlStore(crlFolder, 1024 * 1024, TimeProvider.System);
        _stores.Add(crls);
        await crls.RefreshAsync();
        var options = new PkiOptions();
        options.AdditionalPolicies[CertificatePurpose.JpkiAuthentication] = [.. SimulatedTrust.TestPolicyOids];
        options.AdditionalPolicies[CertificatePurpose.JpkiSigning] = [.. SimulatedTrust.TestPolicyOids];
        return new CertificateVerifier(trust, crls, options, TimeProvider.System);
    }
}
