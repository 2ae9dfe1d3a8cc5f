using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>The one rule that decides, by a certificate's content, whether its subject may be shown.</summary>
public sealed class PersonalSubjectTests
{
    private static readonly JpkiHolder Holder = JpkiHolder.TestPerson;

    public static TheoryData<CertificatePurpose> Purposes => new(Enum.GetValues<CertificatePurpose>());

    [Fact]
    public void The_jpki_signing_certificate_is_withheld_and_the_authentication_certificate_shown()
    {
        var card = VirtualMyNumberCards.StandardCredentials;

        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(card.SigningCertificate)));
        Assert.Null(PersonalSubject.Shown(DerCertificate.Parse(card.SigningCertificate)));
        Assert.False(PersonalSubject.IsWithheld(DerCertificate.Parse(card.AuthCertificate)));
    }

    [Fact]
    public void Hpki_certificates_and_ca_certificates_are_shown()
    {
        var doctor = VirtualHpkiCards.DoctorCredentials;

        Assert.Contains("SHIKEN ISHI", PersonalSubject.Shown(DerCertificate.Parse(doctor.SigningCertificate)), StringComparison.Ordinal);
        Assert.NotNull(PersonalSubject.Shown(DerCertificate.Parse(doctor.AuthenticationCertificate)));
        Assert.NotNull(PersonalSubject.Shown(DerCertificate.Parse(TestJpkiHierarchy.Default.SigningCaCertificate)));
        Assert.NotNull(PersonalSubject.Shown(DerCertificate.Parse(TestHpkiHierarchy.Default.SigningCaCertificate)));
    }

    [Fact]
    public void A_holder_attribute_in_the_subject_alt_name_alone_withholds_the_subject()
    {
        var certificate = TestPki.EndEntity(CertificatePurpose.HpkiAuthentication, spec => spec.Extensions.Add(new(X509Extensions.SubjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.OtherName,
                new DerSequence(new DerObjectIdentifier("1.2.392.200149.8.5.5.5"), new DerTaggedObject(true, 0, new DerUtf8String(Holder.Address))))))));

        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(certificate)));
    }

    [Fact]
    public void An_unreadable_subject_alt_name_withholds_the_subject()
    {
        var certificate = TestPki.EndEntity(CertificatePurpose.JpkiAuthentication, spec => spec.Extensions.Add(new(X509Extensions.SubjectAlternativeName, false,
            new DerOctetString(new byte[] { 0x04, 0x01, 0x00 }))));

        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(certificate)));
    }

    [Fact]
    public void A_certificate_of_the_jpki_signing_ca_or_policy_is_withheld()
    {
        var byIssuer = TestPki.EndEntity(CertificatePurpose.JpkiAuthentication, spec =>
            spec.Issuer = new X509Name("C=JP,O=JPKI,OU=JPKI for digital signature,OU=Japan Agency for Local Authority Information Systems"));
        var byPolicy = TestPki.EndEntity(CertificatePurpose.JpkiSigning);

        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(byIssuer)));
        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(byPolicy)));
    }

    [Fact]
    public void An_address_in_the_subject_is_withheld_unless_the_certificate_is_an_hpki_one()
    {
        var jpkiShaped = TestPki.EndEntity(CertificatePurpose.JpkiAuthentication, spec => spec.Subject = new X509Name("C=JP,L=Kiyose-shi,CN=997794E9AGCIEG13221003A"));
        var hpki = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec => spec.Subject = new X509Name("C=JP,L=Kiyose-shi,CN=Test Doctor"));

        Assert.True(PersonalSubject.IsWithheld(DerCertificate.Parse(jpkiShaped)));
        Assert.False(PersonalSubject.IsWithheld(DerCertificate.Parse(hpki)));
    }

    [Theory]
    [MemberData(nameof(Purposes))]
    public void No_failure_detail_of_a_jpki_signing_certificate_names_the_holder_whatever_the_purpose(CertificatePurpose purpose)
    {
        var hierarchy = TestJpkiHierarchy.Default;
        var card = VirtualMyNumberCards.ExpiredCredentials;
        var trust = TrustStore.ForEveryPurpose([DerCertificate.Parse(hierarchy.AuthCaCertificate), DerCertificate.Parse(hierarchy.SigningCaCertificate)], []);
        using var crls = new OnshiDevice.Pki.Revocation.CrlStore(string.Empty, 1024, TimeProvider.System);
        var verifier = new CertificateVerifier(trust, crls, new PkiOptions(), TimeProvider.System);

        var result = verifier.Verify(card.SigningCertificate, purpose, new VerificationOptions { At = TestPki.Now });

        Assert.False(result.IsValid);
        var text = string.Join("\n", result.Failures.Select(failure => failure.Detail));
        foreach (var personal in new[] { Holder.Name, Holder.NameInLatin, Holder.Address, Holder.Locality, Holder.DateOfBirth })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        Assert.Contains(PersonalSubject.Withheld, text, StringComparison.Ordinal);
    }
}
