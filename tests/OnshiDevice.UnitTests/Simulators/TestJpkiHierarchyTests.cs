using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class TestJpkiHierarchyTests
{
    private const string CountryOid = "2.5.4.6";
    private const string CommonNameOid = "2.5.4.3";

    [Fact]
    public void Same_seed_gives_the_same_certificate_bytes()
    {
        var again = new TestJpkiHierarchy(TestJpkiHierarchy.DefaultSeed);
        Assert.Equal(TestJpkiHierarchy.Default.AuthCaCertificate, again.AuthCaCertificate);
        Assert.Equal(TestJpkiHierarchy.Default.SigningCaCertificate, again.SigningCaCertificate);
        var card = again.Card("standard", JpkiHolder.TestPerson, VirtualMyNumberCards.ValidFrom, VirtualMyNumberCards.ValidUntil);
        Assert.Equal(VirtualMyNumberCards.StandardCredentials.AuthCertificate, card.AuthCertificate);
        Assert.Equal(VirtualMyNumberCards.StandardCredentials.SigningCertificate, card.SigningCertificate);
    }

    [Fact]
    public void Different_cards_have_different_keys()
    {
        Assert.NotEqual(VirtualMyNumberCards.StandardCredentials.AuthPublicKeyInfo, VirtualMyNumberCards.ExpiredCredentials.AuthPublicKeyInfo);
        Assert.NotEqual(VirtualMyNumberCards.StandardCredentials.AuthPublicKeyInfo, VirtualMyNumberCards.StandardCredentials.SigningPublicKeyInfo);
    }

    [Fact]
    public void Roots_are_self_signed_critical_ca_certificates_with_the_jpki_test_names()
    {
        using var auth = X509CertificateLoader.LoadCertificate(TestJpkiHierarchy.Default.AuthCaCertificate);
        using var signing = X509CertificateLoader.LoadCertificate(TestJpkiHierarchy.Default.SigningCaCertificate);
        Assert.Equal("OU=Japan Agency for Local Authority Information Systems, OU=JPKI for user authentication, O=JPKI-TEST, C=JP", auth.Subject);
        Assert.Equal("OU=Japan Agency for Local Authority Information Systems, OU=JPKI for digital signature, O=JPKI-TEST, C=JP", signing.Subject);
        foreach (var root in new[] { auth, signing })
        {
            Assert.Equal(root.Subject, root.Issuer);
            var constraints = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
            Assert.True(constraints.Critical);
            Assert.True(constraints.CertificateAuthority);
            var usage = root.Extensions.OfType<X509KeyUsageExtension>().Single();
            Assert.True(usage.Critical);
            Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
            Assert.Equal("1.2.840.113549.1.1.11", root.SignatureAlgorithm.Value);
            Assert.Equal(2048, root.GetRSAPublicKey()!.KeySize);
        }
    }

    [Fact]
    public void Auth_certificate_names_no_person()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(VirtualMyNumberCards.StandardCredentials.AuthCertificate);
        var attributes = certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false)
            .Select(rdn => rdn.GetSingleElementType().Value!).ToArray();
        Assert.Equal([CountryOid, CommonNameOid], attributes);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        Assert.Contains(TestJpkiHierarchy.TestCardPolicyOid, PolicyOids(certificate));
        Assert.Equal(VirtualMyNumberCards.ValidUntil, certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void Signing_certificate_carries_locality_and_the_holder_other_names()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(VirtualMyNumberCards.StandardCredentials.SigningCertificate);
        Assert.Equal("CN=SHIKEN TARO, L=Kiyose-shi, C=JP", certificate.Subject);
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, usage.KeyUsages);

        var san = certificate.Extensions["2.5.29.17"]!;
        var reader = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
        var oids = new List<string>();
        while (reader.HasData)
        {
            var otherName = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
            oids.Add(otherName.ReadObjectIdentifier());
        }

        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"1.2.392.200149.8.5.5.{i}"), oids);
        Assert.NotNull(certificate.Extensions["2.5.29.18"]);
    }

    [Fact]
    public void Card_certificates_chain_to_their_own_root_only()
    {
        var credentials = VirtualMyNumberCards.StandardCredentials;
        Assert.True(Chains(credentials.AuthCertificate, credentials.AuthCaCertificate, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(Chains(credentials.SigningCertificate, credentials.SigningCaCertificate, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(Chains(credentials.AuthCertificate, credentials.SigningCaCertificate, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Expired_card_certificates_ended_in_the_past_and_fail_a_chain_check_today()
    {
        var credentials = VirtualMyNumberCards.ExpiredCredentials;
        using var certificate = X509CertificateLoader.LoadCertificate(credentials.AuthCertificate);
        Assert.True(certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow);
        Assert.Equal(VirtualMyNumberCards.ExpiredUntil, certificate.NotAfter.ToUniversalTime());
        Assert.True(Chains(credentials.AuthCertificate, credentials.AuthCaCertificate, new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(Chains(credentials.AuthCertificate, credentials.AuthCaCertificate, DateTime.UtcNow));
    }

    private static bool Chains(byte[] endEntity, byte[] root, DateTime at)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(endEntity);
        using var anchor = X509CertificateLoader.LoadCertificate(root);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(anchor);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.ToLocalTime();
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(leaf);
    }

    private static List<string> PolicyOids(X509Certificate2 certificate)
    {
        var raw = certificate.Extensions["2.5.29.32"]!.RawData;
        var policies = new AsnReader(raw, AsnEncodingRules.DER).ReadSequence();
        var oids = new List<string>();
        while (policies.HasData)
        {
            oids.Add(policies.ReadSequence().ReadObjectIdentifier());
        }

        return oids;
    }
}
