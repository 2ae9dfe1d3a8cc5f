using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using static OnshiDevice.UnitTests.Pki.CrlShapes;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// Which CRL covers which certificate (RFC 5280 §6.3.3 (b), (c)): each issuingDistributionPoint case,
/// distribution point names in each form, CRLs of the wrong scope, delta CRLs, entry extensions, and
/// an issuer with several CRLs of different scopes.
/// </summary>
public sealed class CrlScopeTests
{
    private const CertificatePurpose Purpose = CertificatePurpose.HpkiSigning;

    private static readonly X509Name RootArlName = new("C=JP,O=Test Ministry,OU=Test HPKI Root CA,CN=SARL");
    private static readonly X509Name RootRarlName = new("C=JP,O=Test Ministry,OU=Test HPKI Root CA,CN=RARL");

    [Fact]
    public void A_crl_for_end_entities_with_the_certificates_directory_name_covers_it()
    {
        var result = Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Directory(CaCrlDirectoryName)), onlyUser: true)));

        AssertGood(result);
    }

    [Fact]
    public void A_crl_for_end_entities_with_the_certificates_uri_covers_it()
    {
        var result = Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(CaCrlUri)), onlyUser: true)));

        AssertGood(result);
    }

    [Theory]
    [InlineData("http://repository.test.invalid/crl/other.crl")]
    [InlineData("HTTP://repository.test.invalid/crl/ca.crl")] // URIs match exactly, as OpenSSL compares them
    [InlineData("http://repository.test.invalid/crl/ca.crl/")]
    public void A_crl_for_another_uri_does_not_cover_it(string uri)
    {
        var result = Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(uri)), onlyUser: true)));

        var failure = AssertMissing(result, 0);
        Assert.Contains("is the distribution point [URI:" + uri + "]", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crl_for_another_directory_name_does_not_cover_it()
    {
        var other = new X509Name("C=JP,O=Test Medical Association,CN=Test-HPKI-forNonRepudiation,CN=CRL2");

        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Directory(other)))))!, 0);

        Assert.Contains("CN=CRL2", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_name_matches_by_its_der_not_its_text()
    {
        // The same text as the certificate's DP, but CN as PrintableString instead of UTF8String.
        var printable = new X509Name(
            [X509Name.C, X509Name.O, X509Name.CN, X509Name.CN],
            ["JP", "Test Medical Association", "Test-HPKI-forNonRepudiation", "CRL1"],
            new PrintableCommonNames());

        AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Directory(printable))))), 0);
    }

    [Fact]
    public void A_relative_idp_name_is_made_full_against_the_crl_issuer()
    {
        AssertGood(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Relative("CRL1"), onlyUser: true))));
        AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Relative("CRL2"), onlyUser: true))), 0);
    }

    [Fact]
    public void A_relative_certificate_name_is_made_full_against_the_certificate_issuer()
    {
        var certificate = EndEntity(Points(Point(Relative("CRL1"))));

        AssertGood(Verify(certificate, CaCrl(Idp(Full(Directory(CaCrlDirectoryName))))));
        AssertGood(Verify(certificate, CaCrl(Idp(Relative("CRL1")))));
        AssertMissing(Verify(certificate, CaCrl(Idp(Relative("CRL2")))), 0);
    }

    [Fact]
    public void A_crl_of_a_named_distribution_point_does_not_cover_a_certificate_that_names_none()
    {
        var failure = AssertMissing(Verify(TestPki.EndEntity(Purpose), CaCrl(Idp(Full(Uri(CaCrlUri))))), 0);

        Assert.Contains("names no distribution point", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crl_without_idp_covers_every_certificate_of_its_issuer()
    {
        AssertGood(Verify(EndEntityNamingTheCaCrl(), TestPki.CaCrl()));
        AssertGood(Verify(TestPki.EndEntity(Purpose), TestPki.CaCrl()));
    }

    [Fact]
    public void A_crl_of_ca_certificates_only_does_not_cover_an_end_entity()
    {
        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(CaCrlUri)), onlyCa: true))), 0);

        Assert.Contains("covers only CA certificates", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("the CRL of 'CN=Test-HPKI-forNonRepudiation, O=Test Medical Association, C=JP' for [URI:" + CaCrlUri + "]", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crl_of_end_entities_only_does_not_cover_a_ca()
    {
        var failure = AssertMissing(Verify(TestPki.EndEntity(Purpose), TestPki.CaCertificate, RootCrl(Idp(onlyUser: true)), TestPki.CaCrl()), 1);

        Assert.Contains("covers only end-entity certificates", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crl_of_attribute_certificates_covers_no_certificate()
    {
        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(CaCrlUri)), onlyAttributes: true))), 0);

        Assert.Contains("attribute certificates", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crl_of_some_reasons_only_cannot_decide()
    {
        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(CaCrlUri)), onlyUser: true, onlySomeReasons: ReasonFlags.KeyCompromise))), 0);

        Assert.Contains("onlySomeReasons", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_indirect_crl_is_not_used()
    {
        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), CaCrl(Idp(Full(Uri(CaCrlUri)), indirect: true))), 0);

        Assert.Contains("indirectCRL", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_idp_with_two_only_flags_makes_the_crl_invalid()
    {
        // BouncyCastle refuses to build it, so it is encoded by hand: SEQUENCE { [1] TRUE, [2] TRUE }.
        var twoFlags = new DerSequence(new DerTaggedObject(false, 1, DerBoolean.True), new DerTaggedObject(false, 2, DerBoolean.True));
        var crl = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddExtension(X509Extensions.IssuingDistributionPoint, true, twoFlags));

        var result = Verify(EndEntityNamingTheCaCrl(), crl);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.CrlInvalid, failure.Reason);
        Assert.Contains("more than one", failure.Detail, StringComparison.Ordinal);
        Assert.Equal(RevocationStatus.Unknown, result.Revocation);
    }

    [Fact]
    public void A_certificate_point_served_by_another_crl_issuer_is_not_satisfied_by_the_issuers_crl()
    {
        var elsewhere = new X509Name("C=JP,O=Somebody Else,CN=Indirect CRL Issuer");
        var certificate = EndEntity(Points(Point(Full(Uri(CaCrlUri)), null, Directory(elsewhere))));

        var failure = AssertMissing(Verify(certificate, TestPki.CaCrl()), 0);

        Assert.Contains("Indirect CRL Issuer", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_point_whose_crl_issuer_is_its_own_issuer_is_satisfied()
    {
        var certificate = EndEntity(Points(Point(null, null, Directory(TestPki.CaName))));

        AssertGood(Verify(certificate, TestPki.CaCrl()));
        // Without a name of its own the point is named by its cRLIssuer.
        AssertGood(Verify(certificate, CaCrl(Idp(Full(Directory(TestPki.CaName))))));
        AssertMissing(Verify(certificate, CaCrl(Idp(Full(Uri(CaCrlUri))))), 0);
    }

    [Fact]
    public void A_certificate_point_for_some_reasons_is_not_satisfied_by_one_complete_crl()
    {
        var certificate = EndEntity(Points(Point(Full(Uri(CaCrlUri)), ReasonFlags.KeyCompromise | ReasonFlags.CACompromise)));

        var failure = AssertMissing(Verify(certificate, TestPki.CaCrl()), 0);

        Assert.Contains("covers only the reasons", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_point_for_all_reasons_is_an_ordinary_point()
    {
        const int all = ReasonFlags.KeyCompromise | ReasonFlags.CACompromise | ReasonFlags.AffiliationChanged | ReasonFlags.Superseded
            | ReasonFlags.CessationOfOperation | ReasonFlags.CertificateHold | ReasonFlags.PrivilegeWithdrawn | ReasonFlags.AACompromise;
        var certificate = EndEntity(Points(Point(Full(Uri(CaCrlUri)), all)));

        AssertGood(Verify(certificate, CaCrl(Idp(Full(Uri(CaCrlUri))))));
    }

    [Fact]
    public void A_delta_crl_offered_alone_is_not_a_complete_crl()
    {
        var delta = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(1), [],
            generator => generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(Org.BouncyCastle.Math.BigInteger.One)));

        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), delta), 0);

        Assert.Contains("delta CRL", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Beside_a_delta_crl_the_complete_crl_is_used()
    {
        var delta = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(1),
            [(0x1001, TestPki.Now.UtcDateTime.AddDays(-2))],
            generator => generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(Org.BouncyCastle.Math.BigInteger.One)));

        // The delta lists the certificate, but only complete CRLs are read: the complete one says it is not revoked.
        AssertGood(Verify(EndEntityNamingTheCaCrl(), delta, TestPki.CaCrl()));
    }

    [Fact]
    public void An_arl_with_a_critical_idp_covers_the_ca_certificates_that_name_it()
    {
        var ca = CaNaming(RootArlName);
        var arl = RootCrl(Idp(Full(Directory(RootArlName)), onlyCa: true));

        AssertGood(Verify(TestPki.EndEntity(Purpose), ca, arl, TestPki.CaCrl()));
    }

    [Fact]
    public void Of_two_crls_of_the_root_the_one_whose_scope_covers_the_ca_is_chosen()
    {
        var ca = CaNaming(RootArlName);
        var caSerial = (2L, TestPki.Now.UtcDateTime.AddDays(-5));
        var arl = RootCrl(Idp(Full(Directory(RootArlName)), onlyCa: true));
        var rarlListingTheCa = RootCrl(Idp(Full(Directory(RootRarlName)), onlyCa: true), caSerial);
        var arlListingTheCa = RootCrl(Idp(Full(Directory(RootArlName)), onlyCa: true), caSerial);
        var rarl = RootCrl(Idp(Full(Directory(RootRarlName)), onlyCa: true));

        // The RARL lists the CA's serial, but it is not the CA's CRL: the ARL decides, and does not list it.
        AssertGood(Verify(TestPki.EndEntity(Purpose), ca, rarlListingTheCa, arl, TestPki.CaCrl()));
        var revoked = Verify(TestPki.EndEntity(Purpose), ca, arlListingTheCa, rarl, TestPki.CaCrl());
        Assert.Equal(RevocationStatus.Revoked, revoked.Revocation);
        Assert.Equal(1, Assert.Single(revoked.Failures, failure => failure.Reason == FailureReason.Revoked).ChainIndex);
    }

    [Fact]
    public void When_no_crl_of_the_issuer_covers_the_certificate_each_one_is_named_with_its_reason()
    {
        var ca = CaNaming(RootArlName);
        var rarl = RootCrl(Idp(Full(Directory(RootRarlName)), onlyCa: true));
        var forEndEntities = RootCrl(Idp(Full(Directory(RootArlName)), onlyUser: true));

        var failure = AssertMissing(Verify(TestPki.EndEntity(Purpose), ca, rarl, forEndEntities, TestPki.CaCrl()), 1);

        Assert.Contains("CN=RARL", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("covers only end-entity certificates", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_crl_beside_the_covering_one_does_not_hide_it()
    {
        var unusable = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddExtension(new DerObjectIdentifier("1.2.392.99999.2"), true, DerNull.Instance));

        AssertGood(Verify(EndEntityNamingTheCaCrl(), unusable, CaCrl(Idp(Full(Uri(CaCrlUri)), onlyUser: true))));
        var alone = Verify(EndEntityNamingTheCaCrl(), unusable);
        Assert.Equal(FailureReason.CrlInvalid, Assert.Single(alone.Failures).Reason);
    }

    [Fact]
    public void Entry_reason_and_invalidity_date_are_read_and_the_reason_is_named()
    {
        var revokedAt = TestPki.Now.UtcDateTime.AddDays(-3);
        var crl = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddCrlEntry(Org.BouncyCastle.Math.BigInteger.ValueOf(0x1001), revokedAt,
                Entry((X509Extensions.ReasonCode, false, new CrlReason(CrlReason.Superseded)), (X509Extensions.InvalidityDate, false, new DerGeneralizedTime(revokedAt.AddDays(-7))))));

        var result = Verify(EndEntityNamingTheCaCrl(), crl);

        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.Revoked, failure.Reason);
        Assert.Contains("superseded (4)", failure.Detail, StringComparison.Ordinal);
        // revocationDate decides, not invalidityDate: a week before the revocation it was not yet revoked.
        Assert.Equal(RevocationStatus.Good, Verify(EndEntityNamingTheCaCrl(), TestPki.Now.AddDays(-5), crl).Revocation);
    }

    [Fact]
    public void An_entry_naming_another_certificate_issuer_makes_the_crl_cover_nothing()
    {
        var crl = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddCrlEntry(Org.BouncyCastle.Math.BigInteger.ValueOf(0x9999), TestPki.Now.UtcDateTime.AddDays(-3),
                Entry((X509Extensions.CertificateIssuer, true, new GeneralNames(Directory(new X509Name("C=JP,O=Other CA")))))));

        var failure = AssertMissing(Verify(EndEntityNamingTheCaCrl(), crl), 0);

        Assert.Contains("certificateIssuer", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_critical_entry_extension_makes_the_crl_invalid()
    {
        var crl = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-1), TestPki.Now.UtcDateTime.AddDays(20), [],
            generator => generator.AddCrlEntry(Org.BouncyCastle.Math.BigInteger.ValueOf(0x9999), TestPki.Now.UtcDateTime.AddDays(-3),
                Entry((new DerObjectIdentifier("1.2.392.99999.3"), true, DerNull.Instance))));

        var failure = Assert.Single(Verify(EndEntityNamingTheCaCrl(), crl).Failures);

        Assert.Equal(FailureReason.CrlInvalid, failure.Reason);
        Assert.Contains("entry with an unknown critical extension", failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void For_a_past_time_the_newest_crl_of_the_scope_is_used()
    {
        var at = TestPki.Now.AddDays(-35);
        var older = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-40), TestPki.Now.UtcDateTime.AddDays(-30), []);
        var newer = TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime.AddDays(-36)));

        var result = Verify(EndEntityNamingTheCaCrl(), at, older, newer);

        // The older CRL, fresh at that time, does not list the certificate; the store keeps only the newest, which does.
        Assert.Equal(RevocationStatus.Revoked, result.Revocation);
        var notYet = TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime.AddDays(-34)));
        Assert.Equal(RevocationStatus.Good, Verify(EndEntityNamingTheCaCrl(), at, older, notYet).Revocation);
    }

    private static byte[] CaNaming(X509Name distributionPoint) =>
        TestPki.Ca(spec => spec.Extensions.Add((X509Extensions.CrlDistributionPoints, false, Points(Point(Full(Directory(distributionPoint)))))));

    private static X509Extensions Entry(params (DerObjectIdentifier Oid, bool Critical, Asn1Encodable Value)[] extensions)
    {
        var generator = new X509ExtensionsGenerator();
        foreach (var (oid, critical, value) in extensions)
        {
            generator.AddExtension(oid, critical, value);
        }

        return generator.Generate();
    }

    /// <summary>The end entity against the standard root CRL and <paramref name="caCrls"/>, or a CA (first) and its CRLs.</summary>
    private static VerificationResult Verify(byte[] endEntity, params byte[][] crls) => Verify(endEntity, TestPki.Now, crls);

    private static VerificationResult Verify(byte[] endEntity, DateTimeOffset at, params byte[][] crls)
    {
        // A CA certificate first means: use it instead of the standard CA, with exactly these CRLs.
        var customCa = crls.Length > 0 && IsCaCertificate(crls[0]);
        var files = customCa ? crls[1..] : [TestPki.RootCrl(), .. crls];
        using var pki = PkiFixture.Create(crls: files, ca: customCa ? crls[0] : null);
        return pki.Verify(endEntity, Purpose, new VerificationOptions { At = at });
    }

    private static bool IsCaCertificate(byte[] der)
    {
        try
        {
            return OnshiDevice.Pki.Certificates.DerCertificate.Parse(der).IsCertificateAuthority;
        }
        catch (OnshiDevice.Pki.Certificates.MalformedCertificateException)
        {
            return false;
        }
    }

    private static void AssertGood(VerificationResult result)
    {
        Assert.Empty(result.Failures);
        Assert.Equal(RevocationStatus.Good, result.Revocation);
    }

    private static VerificationFailure AssertMissing(VerificationResult result, int chainIndex)
    {
        var failure = Assert.Single(result.Failures);
        Assert.Equal(FailureReason.CrlMissing, failure.Reason);
        Assert.Equal(chainIndex, failure.ChainIndex);
        Assert.Equal(RevocationStatus.Unknown, result.Revocation);
        return failure;
    }

    /// <summary>Encodes CN as PrintableString (X509Name's default is UTF8String).</summary>
    private sealed class PrintableCommonNames : X509DefaultEntryConverter
    {
        public override Asn1Object GetConvertedValue(DerObjectIdentifier oid, string value) =>
            oid.Equals(X509Name.CN) ? new DerPrintableString(value) : base.GetConvertedValue(oid, value);
    }
}
