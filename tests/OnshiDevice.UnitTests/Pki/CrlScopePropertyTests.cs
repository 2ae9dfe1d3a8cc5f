using CsCheck;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1.X509;
using static OnshiDevice.UnitTests.Pki.CrlShapes;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// CRLs with random issuingDistributionPoints: the verdict is good exactly when the scope covers the
/// certificate (a model of RFC 5280 §6.3.3 written independently of the verifier), and damaged CRLs with
/// an IDP never give a good verdict.
/// </summary>
public sealed class CrlScopePropertyTests
{
    private enum PointName
    {
        None,
        SameDirectoryName,
        OtherDirectoryName,
        SameUri,
        OtherUri,
        SameRelative,
        OtherRelative,
    }

    private static readonly Gen<(PointName Name, bool OnlyUser, bool OnlyCa, bool OnlyAttributes, bool SomeReasons, bool Indirect)> Scopes =
        Gen.Select(Gen.Enum<PointName>(), Gen.Bool, Gen.Bool, Gen.Bool, Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))), Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true))))
            .Where(scope => (scope.Item2 ? 1 : 0) + (scope.Item3 ? 1 : 0) + (scope.Item4 ? 1 : 0) <= 1); // BouncyCastle refuses more

    [Fact]
    public void A_random_idp_gives_a_good_verdict_exactly_when_it_covers_the_end_entity()
    {
        var certificate = EndEntityNamingTheCaCrl();
        Scopes.Sample(scope =>
        {
            var idp = Idp(Name(scope.Name), scope.OnlyUser, scope.OnlyCa, scope.SomeReasons ? ReasonFlags.KeyCompromise : null, scope.Indirect, scope.OnlyAttributes);
            using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), CaCrl(idp)]);

            var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

            // An IDP of nothing is an empty SEQUENCE, which RFC 5280 forbids: the CRL is invalid.
            var empty = scope is (PointName.None, false, false, false, false, false);
            var covers = !empty && !scope.OnlyCa && !scope.OnlyAttributes && !scope.SomeReasons && !scope.Indirect
                && scope.Name is PointName.None or PointName.SameDirectoryName or PointName.SameUri or PointName.SameRelative;
            Assert.Equal(covers, result.Revocation == RevocationStatus.Good);
            Assert.Equal(covers, result.IsValid);
            var expected = empty ? FailureReason.CrlInvalid : FailureReason.CrlMissing;
            Assert.True(covers || result.Failures.Any(failure => failure.Reason == expected), scope.ToString());
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void A_mutated_crl_with_an_idp_never_gives_a_good_verdict()
    {
        var certificate = EndEntityNamingTheCaCrl();
        var original = CaCrl(Idp(Full(Uri(CaCrlUri)), onlyUser: true), (0x2002, TestPki.Now.UtcDateTime.AddDays(-3)));
        using (var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), original]))
        {
            Assert.Equal(RevocationStatus.Good, pki.Verify(certificate, CertificatePurpose.HpkiSigning).Revocation);
        }

        CertificateMutations.Of(original).Sample(mutated =>
        {
            using var pki = PkiFixture.Create(crls: [TestPki.RootCrl(), mutated]);
            var result = pki.Verify(certificate, CertificatePurpose.HpkiSigning);

            Assert.True(result.Revocation != RevocationStatus.Good || mutated.AsSpan().SequenceEqual(original));
        }, iter: 100, threads: 1);
    }

    [Fact]
    public void Mutated_certificates_with_every_form_of_distribution_point_are_never_valid_and_never_throw()
    {
        var original = EndEntity(Points(
            Point(Full(Directory(CaCrlDirectoryName), Uri(CaCrlUri))),
            Point(Relative("CRL1"), ReasonFlags.KeyCompromise, Directory(TestPki.CaName))));
        using var pki = PkiFixture.Create();
        Assert.True(pki.Verify(original, CertificatePurpose.HpkiSigning).IsValid);

        CertificateMutations.Of(original).Sample(mutated =>
        {
            var result = pki.Verify(mutated, CertificatePurpose.HpkiSigning);

            Assert.True(!result.IsValid || mutated.AsSpan().SequenceEqual(original));
        }, iter: 500);
    }

    private static DistributionPointName? Name(PointName name) => name switch
    {
        PointName.None => null,
        PointName.SameDirectoryName => Full(Directory(CaCrlDirectoryName)),
        PointName.OtherDirectoryName => Full(Directory(new X509Name("C=JP,O=Test Medical Association,CN=Test-HPKI-forNonRepudiation,CN=CRL9"))),
        PointName.SameUri => Full(Uri(CaCrlUri)),
        PointName.OtherUri => Full(Uri(CaCrlUri + "?other")),
        PointName.SameRelative => Relative("CRL1"),
        _ => Relative("CRL9"),
    };
}
