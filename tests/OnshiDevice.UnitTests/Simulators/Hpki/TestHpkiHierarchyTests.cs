using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using static OnshiDevice.UnitTests.Simulators.CardApdu;

namespace OnshiDevice.UnitTests.Simulators.Hpki;

public sealed class TestHpkiHierarchyTests
{
    private const string SubjectDirectoryAttributesOid = "2.5.29.9";
    private const string CertificatePoliciesOid = "2.5.29.32";
    private const string CrlDistributionPointsOid = "2.5.29.31";
    private const string CpsQualifierOid = "1.3.6.1.5.5.7.2.1";

    /// <summary>The extnValue of the MEDIS test certificate's hcRole "Medical Doctor" (reference A.2.3).</summary>
    private const string MedicalDoctorGoldenVector =
        "3034 3032 0606 288185420001 3128 3126 3024 a022 3120 a00c 060a 2a830886910f01060101 a210 0c0e 4d65646963616c20446f63746f72";

    private static readonly DateTime During = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static TestHpkiHierarchy Hierarchy => TestHpkiHierarchy.Default;

    [Fact]
    public void Doctor_hcrole_extension_is_byte_identical_to_the_reference_golden_vector()
    {
        var credentials = VirtualHpkiCards.DoctorCredentials;
        foreach (var der in new[] { credentials.SigningCertificate, credentials.AuthenticationCertificate })
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var extension = certificate.Extensions[SubjectDirectoryAttributesOid]!;
            Assert.False(extension.Critical);
            Assert.Equal(54, extension.RawData.Length);
            Assert.Equal(Bytes(MedicalDoctorGoldenVector), extension.RawData);
        }
    }

    [Fact]
    public void Pharmacist_hcrole_carries_the_pharmacist_text_in_the_same_structure()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(VirtualHpkiCards.PharmacistCredentials.SigningCertificate);
        var attributes = new AsnReader(certificate.Extensions[SubjectDirectoryAttributesOid]!.RawData, AsnEncodingRules.DER).ReadSequence();
        var attribute = attributes.ReadSequence();
        Assert.Equal("1.0.17090.0.1", attribute.ReadObjectIdentifier());
        var actor = attribute.ReadSetOf().ReadSetOf().ReadSequence();
        var codedData = actor.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSetOf();
        Assert.Equal("1.2.392.100495.1.6.1.1",
            codedData.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadObjectIdentifier());
        Assert.Equal("Pharmacist",
            codedData.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)).ReadCharacterString(UniversalTagNumber.UTF8String));
        Assert.False(codedData.HasData);
        Assert.False(attributes.HasData);
    }

    [Fact]
    public void Root_is_a_self_signed_test_ca()
    {
        using var root = X509CertificateLoader.LoadCertificate(Hierarchy.RootCertificate);
        Assert.Equal("OU=MHLW HPKI Root CA TEST, OU=OnshiDevice TEST, O=\"Ministry of Health, Labour and Welfare\", C=JP", root.Subject);
        Assert.Equal(root.Subject, root.Issuer);
        AssertCaShape(root);
        Assert.Equal(root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            root.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
    }

    [Theory]
    [InlineData(HpkiAuthority.Signing, "CN=HPKI-01-HPKI_JV2-forNonRepudiation-TEST, OU=Digital Certificate Center TEST, O=Japan Medical Association, C=JP", "1.2.392.100495.1.5.1.1.3.1")]
    [InlineData(HpkiAuthority.Authentication, "CN=HPKI-01-HPKI_JV2-forAuthentication-forIndividual-TEST, OU=Digital Certificate Center TEST, O=Japan Medical Association, C=JP", "1.2.392.100495.1.5.1.2.3.1")]
    public void Jma_like_cas_are_issued_by_the_root_with_their_critical_policy(HpkiAuthority authority, string subject, string policy)
    {
        using var ca = X509CertificateLoader.LoadCertificate(Hierarchy.Certificate(authority));
        using var root = X509CertificateLoader.LoadCertificate(Hierarchy.RootCertificate);
        Assert.Equal(subject, ca.Subject);
        Assert.Equal(root.Subject, ca.Issuer);
        AssertCaShape(ca);
        var (critical, oids, _) = Policies(ca);
        Assert.True(critical);
        Assert.Equal([policy], oids);
        Assert.Equal(root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            ca.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public void Signing_certificate_has_the_hpki_end_entity_shape()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(VirtualHpkiCards.DoctorCredentials.SigningCertificate);
        Assert.Equal("SERIALNUMBER=TESTD00001, CN=SHIKEN ISHI, C=JP", certificate.Subject);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.NonRepudiation, usage.KeyUsages);
        var (critical, oids, cps) = Policies(certificate);
        Assert.True(critical);
        Assert.Equal([TestHpkiHierarchy.SigningPolicyOid], oids);
        Assert.Equal([TestHpkiHierarchy.CertificationPracticeStatementUri], cps);
        Assert.NotNull(certificate.Extensions[CrlDistributionPointsOid]);
        Assert.Null(certificate.Extensions.OfType<X509BasicConstraintsExtension>().SingleOrDefault());
        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.Value);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.Equal(VirtualHpkiCards.ValidFrom, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(VirtualHpkiCards.ValidUntil, certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void Authentication_certificate_has_digital_signature_and_the_authentication_policy()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(VirtualHpkiCards.DoctorCredentials.AuthenticationCertificate);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        var (critical, oids, _) = Policies(certificate);
        Assert.True(critical);
        Assert.Equal([TestHpkiHierarchy.AuthenticationPolicyOid], oids);
    }

    [Fact]
    public void Card_certificates_chain_through_their_own_ca_to_the_root()
    {
        var credentials = VirtualHpkiCards.DoctorCredentials;
        Assert.True(Chains(credentials.SigningCertificate, credentials.SigningCaCertificate, During));
        Assert.True(Chains(credentials.AuthenticationCertificate, credentials.AuthenticationCaCertificate, During));
        Assert.False(Chains(credentials.SigningCertificate, credentials.AuthenticationCaCertificate, During));
        Assert.False(Chains(credentials.AuthenticationCertificate, credentials.SigningCaCertificate, During));
    }

    [Fact]
    public void Expired_card_ended_years_ago()
    {
        var credentials = VirtualHpkiCards.ExpiredCredentials;
        using var certificate = X509CertificateLoader.LoadCertificate(credentials.SigningCertificate);
        Assert.True(certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow.AddYears(-1));
        Assert.True(Chains(credentials.SigningCertificate, credentials.SigningCaCertificate, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(Chains(credentials.SigningCertificate, credentials.SigningCaCertificate, DateTime.UtcNow));
    }

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_cards_have_their_own_keys()
    {
        var again = new TestHpkiHierarchy(TestHpkiHierarchy.DefaultSeed);
        Assert.Equal(Hierarchy.RootCertificate, again.RootCertificate);
        Assert.Equal(Hierarchy.SigningCaCertificate, again.SigningCaCertificate);
        Assert.Equal(Hierarchy.AuthenticationCaCertificate, again.AuthenticationCaCertificate);
        var doctor = again.Card("doctor", HpkiHolder.TestDoctor, VirtualHpkiCards.ValidFrom, VirtualHpkiCards.ValidUntil);
        Assert.Equal(VirtualHpkiCards.DoctorCredentials.SigningCertificate, doctor.SigningCertificate);
        Assert.Equal(VirtualHpkiCards.DoctorCredentials.AuthenticationCertificate, doctor.AuthenticationCertificate);
        Assert.Equal(VirtualHpkiCards.Doctor().SigningCertificate, VirtualHpkiCards.Doctor().SigningCertificate);

        Assert.NotEqual(VirtualHpkiCards.DoctorCredentials.SigningPublicKeyInfo, VirtualHpkiCards.DoctorCredentials.AuthenticationPublicKeyInfo);
        Assert.NotEqual(VirtualHpkiCards.DoctorCredentials.SigningPublicKeyInfo, VirtualHpkiCards.PharmacistCredentials.SigningPublicKeyInfo);
        Assert.NotEqual(ParsedCrl.SerialOf(VirtualHpkiCards.DoctorCredentials.SigningCertificate), ParsedCrl.SerialOf(VirtualHpkiCards.RevokedCredentials.SigningCertificate));
    }

    [Theory]
    [InlineData(HpkiAuthority.Root)]
    [InlineData(HpkiAuthority.Signing)]
    [InlineData(HpkiAuthority.Authentication)]
    public void Crl_lists_the_revoked_serials_and_is_signed_by_its_ca(HpkiAuthority authority)
    {
        var thisUpdate = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var revokedAt = new DateTimeOffset(2026, 4, 2, 3, 4, 5, TimeSpan.Zero);
        var revoked = RevokedCertificate.Of(VirtualHpkiCards.RevokedCredentials.SigningCertificate, revokedAt);
        var der = Hierarchy.IssueCrl(authority, [revoked], thisUpdate, thisUpdate.AddDays(7), 42);

        var crl = ParsedCrl.Parse(der);
        var caCertificate = Hierarchy.Certificate(authority);
        Assert.Equal(2, crl.Version);
        Assert.Equal("1.2.840.113549.1.1.11", crl.SignatureAlgorithm);
        Assert.True(crl.IsIssuedBy(caCertificate));
        Assert.True(crl.IsSignedBy(caCertificate));
        Assert.False(crl.IsSignedBy(authority == HpkiAuthority.Root ? Hierarchy.SigningCaCertificate : Hierarchy.RootCertificate));
        Assert.Equal(thisUpdate, crl.ThisUpdate);
        Assert.Equal(thisUpdate.AddDays(7), crl.NextUpdate);
        Assert.Equal(42, crl.CrlNumber());
        using var ca = X509CertificateLoader.LoadCertificate(caCertificate);
        Assert.Equal(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(), crl.AuthorityKeyId());
        var entry = Assert.Single(crl.Entries);
        Assert.Equal(ParsedCrl.SerialOf(VirtualHpkiCards.RevokedCredentials.SigningCertificate), entry.Serial);
        Assert.Equal(revokedAt, entry.RevokedAt);
    }

    [Fact]
    public void Test_only_crl_names_the_ca_but_fails_its_signature_check()
    {
        var thisUpdate = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var crl = ParsedCrl.Parse(Hierarchy.IssueCrlSignedByWrongKeyForTests(HpkiAuthority.Signing, [], thisUpdate, thisUpdate.AddDays(1), 1));
        Assert.True(crl.IsIssuedBy(Hierarchy.SigningCaCertificate));
        Assert.False(crl.IsSignedBy(Hierarchy.SigningCaCertificate));
        Assert.False(crl.IsSignedBy(Hierarchy.RootCertificate));
        Assert.False(crl.IsSignedBy(Hierarchy.AuthenticationCaCertificate));
        Assert.Empty(crl.Entries);
    }

    [Fact]
    public void Crl_refuses_a_next_update_before_this_update()
    {
        var now = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Throws<ArgumentException>(() => Hierarchy.IssueCrl(HpkiAuthority.Root, [], now, now, 1));
    }

    private static void AssertCaShape(X509Certificate2 ca)
    {
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.Critical);
        Assert.True(constraints.CertificateAuthority);
        var usage = ca.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.Equal("1.2.840.113549.1.1.11", ca.SignatureAlgorithm.Value);
        Assert.Equal(2048, ca.GetRSAPublicKey()!.KeySize);
        Assert.NotNull(ca.Extensions[CrlDistributionPointsOid]);
    }

    private static (bool Critical, List<string> Oids, List<string> PracticeStatements) Policies(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[CertificatePoliciesOid]!;
        var policies = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
        var oids = new List<string>();
        var statements = new List<string>();
        while (policies.HasData)
        {
            var policy = policies.ReadSequence();
            oids.Add(policy.ReadObjectIdentifier());
            if (!policy.HasData)
            {
                continue;
            }

            var qualifiers = policy.ReadSequence();
            while (qualifiers.HasData)
            {
                var qualifier = qualifiers.ReadSequence();
                Assert.Equal(CpsQualifierOid, qualifier.ReadObjectIdentifier());
                statements.Add(qualifier.ReadCharacterString(UniversalTagNumber.IA5String));
            }
        }

        return (extension.Critical, oids, statements);
    }

    private static bool Chains(byte[] endEntity, byte[] intermediate, DateTime at)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(endEntity);
        using var ca = X509CertificateLoader.LoadCertificate(intermediate);
        using var anchor = X509CertificateLoader.LoadCertificate(Hierarchy.RootCertificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.ExtraStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.ToLocalTime();
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(leaf);
    }
}
