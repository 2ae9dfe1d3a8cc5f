using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using static OnshiDevice.UnitTests.Pki.CrlShapes;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>cRLDistributionPoints of certificates and the CRL extensions that carry scopes, read strictly.</summary>
public sealed class DistributionPointParsingTests
{
    [Fact]
    public void Certificate_distribution_points_read_back_in_each_form()
    {
        var der = EndEntity(Points(
            Point(Full(Directory(CaCrlDirectoryName))),
            Point(Full(Uri(CaCrlUri)), ReasonFlags.KeyCompromise | ReasonFlags.CACompromise),
            Point(Relative("CRL1"), null, Directory(TestPki.CaName))));

        var points = DerCertificate.Parse(der).CrlDistributionPoints;

        Assert.Equal(3, points.Count);
        var directory = Assert.Single(points[0].Name!.FullName!);
        Assert.Equal(GeneralNameKind.DirectoryName, directory.Kind);
        Assert.Equal(CaCrlDirectoryName.GetEncoded(), directory.Value.ToArray());
        Assert.Equal("URI:" + CaCrlUri, Assert.Single(points[1].Name!.FullName!).Text);
        Assert.Equal(RevocationReasons.KeyCompromise | RevocationReasons.CaCompromise, points[1].Reasons);
        Assert.Null(points[0].Reasons);
        var resolved = Assert.Single(points[2].Name!.Resolve(DerCertificate.Parse(der).IssuerName));
        Assert.Equal(CaCrlDirectoryName.GetEncoded(), resolved.Value.ToArray());
        Assert.Equal(TestPki.CaName.GetEncoded(), Assert.Single(points[2].CrlIssuer!).Value.ToArray());
    }

    [Theory]
    [InlineData("3000")] // no DistributionPoint
    [InlineData("30023000")] // a DistributionPoint with neither a name nor a cRLIssuer
    [InlineData("300A3008A004A00286008300")] // a DistributionPoint field [3] that does not exist
    [InlineData("300A3008A006A0048602C3A9")] // a URI that is not IA5String
    [InlineData("30063004A002A000")] // an empty GeneralNames
    [InlineData("30083006A004A0028900")] // GeneralName tag [9] does not exist
    [InlineData("30063004A002A100")] // an empty nameRelativeToCRLIssuer
    [InlineData("3010300EA00CA10A30080603550403130140")] // nameRelativeToCRLIssuer CN PrintableString "@" (not printable)
    public void A_broken_crl_distribution_points_extension_makes_the_certificate_malformed(string hex)
    {
        var value = Convert.FromHexString(hex);
        var der = RawExtension.Patch(
            TestPki.EndEntity(OnshiDevice.Pki.CertificatePurpose.HpkiSigning, spec => spec.Extensions.Add((RawExtension.Placeholder, false, RawExtension.StandIn(value)))),
            31, value);

        Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(der));
    }

    [Fact]
    public void A_raw_crl_distribution_points_value_that_is_valid_reads_back()
    {
        var value = Convert.FromHexString("300D300BA009A0078605612E696E76"); // one point, fullName URI "a.inv"
        var der = RawExtension.Patch(
            TestPki.EndEntity(OnshiDevice.Pki.CertificatePurpose.HpkiSigning, spec => spec.Extensions.Add((RawExtension.Placeholder, false, RawExtension.StandIn(value)))),
            31, value);

        Assert.Equal("URI:a.inv", Assert.Single(Assert.Single(DerCertificate.Parse(der).CrlDistributionPoints).Name!.FullName!).Text);
    }

    [Fact]
    public void The_idp_and_delta_indicator_of_a_crl_read_back()
    {
        var der = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, TestPki.Now.UtcDateTime.AddDays(1), [], generator =>
        {
            generator.AddExtension(X509Extensions.IssuingDistributionPoint, true,
                Idp(Full(Uri(CaCrlUri)), onlyCa: true, onlySomeReasons: ReasonFlags.Superseded, indirect: true));
            generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(Org.BouncyCastle.Math.BigInteger.ValueOf(41)));
            generator.AddExtension(X509Extensions.FreshestCrl, false, Points(Point(Full(Uri(CaCrlUri + ".delta")))));
            generator.AddExtension(X509Extensions.IssuerAlternativeName, false, new Org.BouncyCastle.Asn1.X509.GeneralNames(Uri("http://ca.test.invalid/")));
        });

        var crl = CertificateRevocationList.Parse(der);

        Assert.Null(crl.Problem);
        Assert.Equal(41, crl.DeltaBaseCrlNumber);
        var idp = crl.IssuingDistributionPoint!;
        Assert.Equal("URI:" + CaCrlUri, Assert.Single(idp.Name!.FullName!).Text);
        Assert.True(idp.OnlyContainsCaCerts);
        Assert.False(idp.OnlyContainsUserCerts);
        Assert.False(idp.OnlyContainsAttributeCerts);
        Assert.True(idp.IndirectCrl);
        Assert.Equal(RevocationReasons.Superseded, idp.OnlySomeReasons);
        Assert.EndsWith("/delta", crl.ScopeKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_false_written_out_reads_like_an_absent_flag()
    {
        var explicitFalse = new DerSequence(new DerTaggedObject(false, 1, DerBoolean.False), new DerTaggedObject(false, 2, DerBoolean.True));
        var crl = CertificateRevocationList.Parse(TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, null, [],
            generator => generator.AddExtension(X509Extensions.IssuingDistributionPoint, true, explicitFalse)));

        Assert.Null(crl.Problem);
        Assert.False(crl.IssuingDistributionPoint!.OnlyContainsUserCerts);
        Assert.True(crl.IssuingDistributionPoint.OnlyContainsCaCerts);
    }

    [Theory]
    [InlineData("2.5.29.28", "3003810101")] // IDP: BOOLEAN with a non-DER value
    [InlineData("2.5.29.28", "30038201FF00")] // IDP: trailing byte
    [InlineData("2.5.29.28", "3003860101")] // IDP: unknown field [6]
    [InlineData("2.5.29.27", "0201FF")] // deltaCRLIndicator: negative
    [InlineData("2.5.29.46", "3000")] // freshestCRL: empty
    [InlineData("2.5.29.18", "3000")] // issuerAltName: empty
    public void A_broken_scope_extension_makes_the_crl_malformed(string oid, string hex)
    {
        var value = Convert.FromHexString(hex);
        var der = RawExtension.Patch(
            TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, null, [],
                generator => generator.AddExtension(RawExtension.Placeholder, oid != "2.5.29.18", RawExtension.StandIn(value))),
            int.Parse(oid["2.5.29.".Length..], System.Globalization.CultureInfo.InvariantCulture), value);

        Assert.Throws<MalformedCertificateException>(() => CertificateRevocationList.Parse(der));
    }

    [Fact]
    public void A_raw_idp_value_that_is_valid_reads_back()
    {
        var value = Convert.FromHexString("30038201FF");
        var der = RawExtension.Patch(
            TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, null, [],
                generator => generator.AddExtension(RawExtension.Placeholder, true, RawExtension.StandIn(value))),
            28, value);

        Assert.True(CertificateRevocationList.Parse(der).IssuingDistributionPoint!.OnlyContainsCaCerts);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    public void An_undefined_reason_code_makes_the_crl_malformed(int code)
    {
        var der = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, null, [(0x1001, TestPki.Now.UtcDateTime.AddDays(-1))]);
        // keyCompromise is ENUMERATED 1: 0A 01 01 inside the entry's extension.
        var index = der.AsSpan().IndexOf(new byte[] { 0x04, 0x03, 0x0A, 0x01, 0x01 });
        der[index + 4] = (byte)code;

        Assert.Throws<MalformedCertificateException>(() => CertificateRevocationList.Parse(der));
    }
}
