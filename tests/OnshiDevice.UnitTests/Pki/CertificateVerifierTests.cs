using OnshiDevice.Pki;
using OnshiDevice.Pki.Hpki;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.UnitTests.Pki;

public sealed class CertificateVerifierTests
{
    public static TheoryData<CertificatePurpose> Purposes => new(Enum.GetValues<CertificatePurpose>());

    [Theory]
    [MemberData(nameof(Purposes))]
    public void A_well_formed_certificate_verifies_for_its_purpose(CertificatePurpose purpose)
    {
        using var pki = PkiFixture.Create();
        var result = pki.Verify(TestPki.EndEntity(purpose), purpose);

        Assert.Empty(result.Failures);
        Assert.True(result.IsValid);
        Assert.Equal(RevocationStatus.Good, result.Revocation);
        Assert.Equal(3, result.Path.Count);
        Assert.Equal(TestPki.RootCertificate, result.Path[2].Encoded.ToArray());
        var isHpki = purpose is CertificatePurpose.HpkiSigning or CertificatePurpose.HpkiAuthentication;
        Assert.Equal(isHpki ? new HcRole(HcRole.NationalCodingScheme, HcRole.MedicalDoctor) : null, result.HcRole);
    }

    [Fact]
    public void Intermediates_offered_with_the_request_complete_the_path()
    {
        using var pki = PkiFixture.Create(caInStore: false);
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning);

        var without = pki.Verify(certificate, CertificatePurpose.HpkiSigning);
        var with = pki.Verify(certificate, CertificatePurpose.HpkiSigning, new VerificationOptions { Intermediates = [TestPki.CaCertificate] });

        Assert.True(without.Has(FailureReason.NoPathToTrustAnchor));
        Assert.Equal(RevocationStatus.NotChecked, without.Revocation);
        Assert.Single(without.Path);
        Assert.Empty(with.Failures);
        Assert.Equal(3, with.Path.Count);
    }

    [Fact]
    public void A_certificate_from_an_unknown_root_has_no_path()
    {
        var otherRoot = TestPki.Root(spec =>
        {
            spec.IssuerKey = TestPki.OtherKey;
            spec.SubjectKey = TestPki.OtherKey;
            spec.Replace(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(new byte[] { 1, 2, 3 }));
        });
        using var pki = PkiFixture.Create(anchor: otherRoot);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.JpkiSigning), CertificatePurpose.JpkiSigning);

        Assert.Contains(result.Failures, failure => failure.Reason == FailureReason.NoPathToTrustAnchor);
        Assert.Equal(RevocationStatus.NotChecked, result.Revocation);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x30 })]
    [InlineData(new byte[] { 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x00 })]
    [InlineData(new byte[] { 0x30, 0x80, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x31, 0x00 })]
    public void Malformed_input_is_a_malformed_verdict(byte[] der)
    {
        using var pki = PkiFixture.Create();
        var result = pki.Verify(der, CertificatePurpose.HpkiSigning);

        Assert.Equal(FailureReason.Malformed, Assert.Single(result.Failures).Reason);
        Assert.Empty(result.Path);
        Assert.Equal(RevocationStatus.NotChecked, result.Revocation);
    }

    [Fact]
    public void A_truncated_certificate_is_malformed()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning);

        var result = pki.Verify(certificate.AsSpan(0, certificate.Length - 1).ToArray(), CertificatePurpose.HpkiSigning);

        Assert.Equal(FailureReason.Malformed, Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public void An_unknown_critical_extension_fails_at_its_path_position()
    {
        var ca = TestPki.Ca(spec => spec.Extensions.Add((new DerObjectIdentifier("1.2.3.4.5"), true, DerNull.Instance)));
        using var pki = PkiFixture.Create(ca: ca);
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning,
            spec => spec.Extensions.Add((new DerObjectIdentifier("1.2.3.4.6"), true, DerNull.Instance)));

        var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

        var unknown = result.Failures.Where(failure => failure.Reason == FailureReason.UnknownCriticalExtension).ToList();
        Assert.Equal([0, 1], unknown.Select(failure => failure.ChainIndex).Order());
        Assert.Contains("1.2.3.4.6", unknown.Single(failure => failure.ChainIndex == 0).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_non_critical_extension_is_ignored()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning,
            spec => spec.Extensions.Add((new DerObjectIdentifier("1.2.3.4.6"), false, DerNull.Instance)));

        Assert.Empty(pki.Verify(certificate, CertificatePurpose.HpkiSigning).Failures);
    }

    [Fact]
    public void A_signature_by_another_key_is_invalid()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.IssuerKey = TestPki.OtherKey);

        var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.SignatureInvalid, failure.Reason);
        Assert.Equal(0, failure.ChainIndex);
        Assert.Equal(3, result.Path.Count);
    }

    [Fact]
    public void A_sha1_signature_breaks_the_profile()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.JpkiSigning, spec => spec.SignatureAlgorithm = "SHA1WITHRSA");

        var result = pki.Verify(certificate, CertificatePurpose.JpkiSigning);

        Assert.True(result.Has(FailureReason.ProfileMismatch));
        Assert.True(result.Has(FailureReason.SignatureInvalid));
        Assert.Contains(result.Failures, failure => failure.Detail.Contains("1.2.840.113549.1.1.5", StringComparison.Ordinal));
    }

    [Fact]
    public void A_1024_bit_key_breaks_the_profile()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiAuthentication, spec => spec.SubjectKey = TestPki.WeakKey);

        var failure = Assert.Single(pki.Verify(certificate, CertificatePurpose.HpkiAuthentication).Failures);
        Assert.Equal(FailureReason.ProfileMismatch, failure.Reason);
        Assert.Contains("1024", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Validity_is_checked_at_the_requested_time_for_every_certificate()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning);

        var early = pki.Verify(certificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var late = pki.Verify(certificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal(0, Assert.Single(early.Failures, failure => failure.Reason == FailureReason.NotYetValid).ChainIndex);
        Assert.Equal([0, 1], late.Failures.Where(failure => failure.Reason == FailureReason.Expired).Select(failure => failure.ChainIndex).Order());

        // Outside its validity a path is not trusted: its CRLs (expired certificates leave them) are not consulted.
        Assert.DoesNotContain(late.Failures, failure => failure.Reason is FailureReason.CrlStale or FailureReason.CrlMissing);
        Assert.Equal(RevocationStatus.NotChecked, late.Revocation);
        Assert.Equal(RevocationStatus.NotChecked, early.Revocation);
    }

    [Fact]
    public void An_issuer_without_ca_basic_constraints_is_not_a_ca()
    {
        var ca = TestPki.Ca(spec => spec.Replace(X509Extensions.BasicConstraints, true, new BasicConstraints(false)));
        using var pki = PkiFixture.Create(ca: ca);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(1, Assert.Single(result.Failures).ChainIndex);
        Assert.True(result.Has(FailureReason.IssuerNotCa));
    }

    [Fact]
    public void An_issuer_without_key_cert_sign_is_not_a_ca()
    {
        var ca = TestPki.Ca(spec => spec.Replace(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.CrlSign)));
        using var pki = PkiFixture.Create(ca: ca);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(FailureReason.IssuerNotCa, Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public void A_path_longer_than_the_path_length_constraint_fails()
    {
        // Root (pathLen 0) → CA → EE: one CA below the root where none is allowed.
        var root = TestPki.Root(spec => spec.Replace(X509Extensions.BasicConstraints, true, new BasicConstraints(0)));
        using var pki = PkiFixture.Create(anchor: root);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.IssuerNotCa, failure.Reason);
        Assert.Equal(2, failure.ChainIndex);
    }

    [Theory]
    [InlineData(CertificatePurpose.JpkiAuthentication, KeyUsage.NonRepudiation, true)]
    [InlineData(CertificatePurpose.JpkiSigning, KeyUsage.DigitalSignature, true)]
    [InlineData(CertificatePurpose.HpkiSigning, KeyUsage.DigitalSignature, true)]
    [InlineData(CertificatePurpose.HpkiSigning, KeyUsage.NonRepudiation, false)]
    [InlineData(CertificatePurpose.HpkiAuthentication, KeyUsage.NonRepudiation, true)]
    public void Key_usage_must_fit_the_purpose(CertificatePurpose purpose, int usage, bool critical)
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(purpose, spec => spec.Replace(X509Extensions.KeyUsage, critical, new KeyUsage(usage)));

        Assert.Equal(FailureReason.KeyUsageMismatch, Assert.Single(pki.Verify(certificate, purpose).Failures).Reason);
    }

    [Fact]
    public void Jpki_signing_accepts_non_repudiation_alone()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.JpkiSigning,
            spec => spec.Replace(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.NonRepudiation)));

        Assert.Empty(pki.Verify(certificate, CertificatePurpose.JpkiSigning).Failures);
    }

    [Fact]
    public void A_policy_of_another_purpose_is_a_policy_mismatch()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.Replace(X509Extensions.CertificatePolicies, true,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(TestPki.PolicyFor(CertificatePurpose.HpkiAuthentication))))));

        var failure = Assert.Single(pki.Verify(certificate, CertificatePurpose.HpkiSigning).Failures);
        Assert.Equal(FailureReason.PolicyMismatch, failure.Reason);
    }

    [Fact]
    public void Additional_policies_from_the_options_are_accepted()
    {
        const string testCardPolicy = "1.2.392.200149.8.5.1.0.20";
        var options = new PkiOptions { AdditionalPolicies = { [CertificatePurpose.JpkiAuthentication] = [testCardPolicy] } };
        using var pki = PkiFixture.Create(options: options);
        var certificate = TestPki.EndEntity(CertificatePurpose.JpkiAuthentication, spec => spec.Replace(X509Extensions.CertificatePolicies, false,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(testCardPolicy)))));

        Assert.Empty(pki.Verify(certificate, CertificatePurpose.JpkiAuthentication).Failures);
        Assert.True(pki.Verify(certificate, CertificatePurpose.JpkiSigning).Has(FailureReason.PolicyMismatch));
    }

    [Fact]
    public void A_jpki_authentication_subject_with_a_name_breaks_the_profile()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.JpkiAuthentication,
            spec => spec.Subject = new X509Name("C=JP,L=Kiyose-shi,CN=997794E9AGCIEG13221003A"));

        var failure = Assert.Single(pki.Verify(certificate, CertificatePurpose.JpkiAuthentication).Failures);
        Assert.Equal(FailureReason.ProfileMismatch, failure.Reason);

        // A subject with an address is a person's: the failure says so without repeating it.
        Assert.DoesNotContain("Kiyose-shi", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(PersonalSubject.Withheld, failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_failure_is_reported_not_only_the_first()
    {
        using var pki = PkiFixture.Create(crls: []);
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec =>
        {
            spec.Replace(X509Extensions.KeyUsage, false, new KeyUsage(KeyUsage.DigitalSignature));
            spec.Remove(X509Extensions.CertificatePolicies);
            spec.Remove(X509Extensions.SubjectDirectoryAttributes);
        });

        var now = pki.Verify(certificate, CertificatePurpose.HpkiSigning);
        var late = pki.Verify(certificate, CertificatePurpose.HpkiSigning, new VerificationOptions { At = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal(
            [FailureReason.KeyUsageMismatch, FailureReason.PolicyMismatch, FailureReason.HcRoleMissing, FailureReason.CrlMissing],
            now.Failures.Select(failure => failure.Reason).Distinct());
        Assert.Equal(RevocationStatus.Unknown, now.Revocation);
        Assert.Equal(
            [FailureReason.Expired, FailureReason.KeyUsageMismatch, FailureReason.PolicyMismatch, FailureReason.HcRoleMissing],
            late.Failures.Select(failure => failure.Reason).Distinct());
        Assert.Equal(RevocationStatus.NotChecked, late.Revocation);
    }

    [Fact]
    public void A_missing_hc_role_is_reported_for_hpki_only()
    {
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.Remove(X509Extensions.SubjectDirectoryAttributes));

        Assert.Equal(FailureReason.HcRoleMissing, Assert.Single(pki.Verify(certificate, CertificatePurpose.HpkiSigning).Failures).Reason);
    }

    [Fact]
    public void Subject_directory_attributes_without_hc_role_is_missing_role()
    {
        using var pki = PkiFixture.Create();
        var otherAttribute = new DerSequence(new DerSequence(new DerObjectIdentifier("1.3.6.1.5.5.7.9.1"), new DerSet(new DerGeneralizedTime("19800217000000Z"))));
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiAuthentication,
            spec => spec.Replace(X509Extensions.SubjectDirectoryAttributes, false, otherAttribute));

        Assert.Equal(FailureReason.HcRoleMissing, Assert.Single(pki.Verify(certificate, CertificatePurpose.HpkiAuthentication).Failures).Reason);
    }

    [Fact]
    public void A_broken_hc_role_is_malformed()
    {
        using var pki = PkiFixture.Create();
        // The hcRole attribute with a value that is an INTEGER instead of HCActorData.
        var broken = new DerSequence(new DerSequence(new DerObjectIdentifier(HcRole.AttributeOid), new DerSet(DerInteger.ValueOf(5))));
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning,
            spec => spec.Replace(X509Extensions.SubjectDirectoryAttributes, false, broken));

        var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

        Assert.Equal(FailureReason.HcRoleMalformed, Assert.Single(result.Failures).Reason);
        Assert.Null(result.HcRole);
    }

    [Fact]
    public void A_role_outside_the_allowed_list_is_not_allowed()
    {
        using var pki = PkiFixture.Create();
        var pharmacist = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.Replace(X509Extensions.SubjectDirectoryAttributes, false,
            Asn1Object.FromByteArray(TestPki.HcRoleAttributes(HcRole.Pharmacist))));
        var doctorsOnly = new VerificationOptions { AllowedHcRoles = [HcRole.MedicalDoctor, HcRole.Dentist] };

        var result = pki.Verify(pharmacist, CertificatePurpose.HpkiSigning, doctorsOnly);

        Assert.Equal(FailureReason.HcRoleNotAllowed, Assert.Single(result.Failures).Reason);
        Assert.Equal(HcRole.Pharmacist, result.HcRole?.Text);
        Assert.Empty(pki.Verify(pharmacist, CertificatePurpose.HpkiSigning).Failures);
    }

    [Fact]
    public void A_serial_revoked_before_the_time_is_revoked()
    {
        var revokedAt = TestPki.Now.UtcDateTime.AddDays(-30);
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), TestPki.CaCrl((0x1001, revokedAt))]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(RevocationStatus.Revoked, result.Revocation);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.Revoked, failure.Reason);
        Assert.Equal(0, failure.ChainIndex);
    }

    [Fact]
    public void A_serial_revoked_after_the_time_was_good_at_that_time()
    {
        var revokedAt = TestPki.Now.UtcDateTime.AddDays(-30);
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), TestPki.CaCrl((0x1001, revokedAt))]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning,
            new VerificationOptions { At = TestPki.Now.AddDays(-31) });

        Assert.Empty(result.Failures);
        Assert.Equal(RevocationStatus.Good, result.Revocation);
    }

    [Fact]
    public void A_revoked_ca_revokes_the_path()
    {
        var rootCrl = TestPki.Crl(TestPki.RootName, TestPki.RootKey, TestPki.Now.UtcDateTime.AddDays(-10), TestPki.Now.UtcDateTime.AddDays(20),
            [(2, TestPki.Now.UtcDateTime.AddDays(-40))]);
        using var pki = PkiFixture.Create(crls: [rootCrl, TestPki.CaCrl()]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.JpkiSigning), CertificatePurpose.JpkiSigning);

        Assert.Equal(RevocationStatus.Revoked, result.Revocation);
        Assert.Equal(1, Assert.Single(result.Failures).ChainIndex);
    }

    [Fact]
    public void A_missing_crl_makes_revocation_unknown()
    {
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl()]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(RevocationStatus.Unknown, result.Revocation);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.CrlMissing, failure.Reason);
        Assert.Equal(0, failure.ChainIndex);
    }

    [Fact]
    public void A_stale_crl_makes_revocation_unknown()
    {
        var stale = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-40), TestPki.Now.UtcDateTime.AddDays(-10), []);
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), stale]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(RevocationStatus.Unknown, result.Revocation);
        Assert.Equal(FailureReason.CrlStale, Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public void A_crl_signed_by_the_wrong_key_is_invalid()
    {
        var forged = TestPki.Crl(TestPki.CaName, TestPki.OtherKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), []);
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), forged]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        Assert.Equal(RevocationStatus.Unknown, result.Revocation);
        Assert.Equal(FailureReason.CrlInvalid, Assert.Single(result.Failures).Reason);
    }

    [Fact]
    public void A_crl_with_an_unknown_critical_extension_is_invalid()
    {
        var crl = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddExtension(new DerObjectIdentifier("1.2.3.4.7"), true, DerNull.Instance));
        using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), crl]);

        var result = pki.Verify(TestPki.EndEntity(CertificatePurpose.HpkiSigning), CertificatePurpose.HpkiSigning);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.CrlInvalid, failure.Reason);
        Assert.Contains("1.2.3.4.7", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_anchor_itself_verifies_without_crls()
    {
        using var pki = PkiFixture.Create(crls: []);

        var result = pki.Verify(TestPki.RootCertificate, CertificatePurpose.HpkiSigning);

        Assert.Single(result.Path);
        Assert.Equal(RevocationStatus.Good, result.Revocation);
        Assert.DoesNotContain(result.Failures, failure => failure.Reason is FailureReason.CrlMissing or FailureReason.NoPathToTrustAnchor);
    }

    [Fact]
    public void Offered_intermediates_that_loop_do_not_hang_path_building()
    {
        // Two CAs that issue each other, neither under the root.
        var nameA = new X509Name("C=JP,CN=Loop A");
        var nameB = new X509Name("C=JP,CN=Loop B");
        byte[] Cross(X509Name issuer, X509Name subject) => new CertificateSpec(issuer, subject, TestPki.OtherKey, TestPki.OtherKey, 7,
            TestPki.RootNotBefore, TestPki.RootNotAfter)
        {
            Extensions = { (X509Extensions.BasicConstraints, true, new BasicConstraints(true)) },
        }.Build();
        using var pki = PkiFixture.Create();
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.Issuer = nameA);

        var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning,
            new VerificationOptions { Intermediates = [Cross(nameB, nameA), Cross(nameA, nameB), new byte[] { 0x30, 0x00 }] });

        Assert.True(result.Has(FailureReason.NoPathToTrustAnchor));
        Assert.Contains("did not parse", result.Failures[0].Detail, StringComparison.Ordinal);
    }
}
