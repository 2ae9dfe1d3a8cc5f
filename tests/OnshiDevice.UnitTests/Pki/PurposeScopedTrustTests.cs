using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>Anchors trusted per purpose, the HPKI CA policy along the path, and revocation only for trusted paths.</summary>
public sealed class PurposeScopedTrustTests
{
    [Fact]
    public void A_root_anchors_only_the_purposes_it_is_configured_for()
    {
        using var pki = PkiFixture.Create(anchoredPurposes: [CertificatePurpose.JpkiSigning]);

        var signing = pki.Verify(TestPki.EndEntity(CertificatePurpose.JpkiSigning), CertificatePurpose.JpkiSigning);
        var authentication = pki.Verify(TestPki.EndEntity(CertificatePurpose.JpkiAuthentication), CertificatePurpose.JpkiAuthentication);

        Assert.True(signing.IsValid);
        var failure = Assert.Single(authentication.Failures);
        Assert.Equal(FailureReason.NoPathToTrustAnchor, failure.Reason);
        Assert.Contains("anchor trusted for JPKI authentication", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("configured for other purposes only", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(RevocationStatus.NotChecked, authentication.Revocation);
    }

    [Theory]
    [InlineData(CertificatePurpose.HpkiSigning, TestPki.HpkiAuthenticationCaPolicy)]
    [InlineData(CertificatePurpose.HpkiAuthentication, TestPki.HpkiSigningCaPolicy)]
    public void An_hpki_ca_of_the_other_kind_does_not_complete_the_path(CertificatePurpose purpose, string caPolicy)
    {
        var ca = TestPki.Ca(spec => spec.Replace(X509Extensions.CertificatePolicies, true,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(caPolicy)))));
        using var pki = PkiFixture.Create(ca: ca);

        var result = pki.Verify(TestPki.EndEntity(purpose), purpose);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.NoPathToTrustAnchor, failure.Reason);
        Assert.Contains("does not assert the", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(RevocationStatus.NotChecked, result.Revocation);
    }

    [Fact]
    public void An_hpki_ca_asserting_any_policy_completes_the_path()
    {
        var ca = TestPki.Ca(spec => spec.Replace(X509Extensions.CertificatePolicies, true,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier("2.5.29.32.0")))));
        using var pki = PkiFixture.Create(ca: ca);

        Assert.True(pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning).IsValid);
    }

    [Fact]
    public void A_jpki_path_needs_no_ca_policy()
    {
        var ca = TestPki.Ca(spec => spec.Remove(X509Extensions.CertificatePolicies));
        using var pki = PkiFixture.Create(ca: ca);

        Assert.True(pki.Verify(TestPki.EndEntity(CertificatePurpose.JpkiAuthentication), CertificatePurpose.JpkiAuthentication).IsValid);
        Assert.True(pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning).Has(FailureReason.NoPathToTrustAnchor));
    }

    [Fact]
    public void A_bad_signature_leaves_revocation_not_checked_even_when_a_crl_lists_nothing()
    {
        using var pki = PkiFixture.Create();
        var forged = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.IssuerKey = TestPki.OtherKey);

        var result = pki.Verify(forged, CertificatePurpose.HpkiSigning);

        Assert.True(result.Has(FailureReason.SignatureInvalid));
        Assert.Equal(RevocationStatus.NotChecked, result.Revocation);
    }

    [Fact]
    public void A_trusted_path_with_a_wrong_role_still_has_its_revocation_checked()
    {
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime.AddDays(-30)))]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning,
            new VerificationOptions { AllowedHcRoles = ["Pharmacist"] });

        Assert.True(result.Has(FailureReason.HcRoleNotAllowed));
        Assert.Equal(RevocationStatus.Revoked, result.Revocation);
    }

    [Theory]
    [InlineData("medical doctor")]
    [InlineData("MEDICAL DOCTOR")]
    [InlineData("Medical Doctor")]
    public void Allowed_roles_match_without_regard_to_case(string allowed)
    {
        using var pki = PkiFixture.Create();

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning,
            new VerificationOptions { AllowedHcRoles = [allowed] });

        Assert.True(result.IsValid);
    }
}
