using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// BouncyCastle builders for issuingDistributionPoint and cRLDistributionPoints, so the scope tests state
/// each case in one line and the verifier meets encodings it did not produce.
/// </summary>
internal static class CrlShapes
{
    public const string CaCrlUri = "http://repository.test.invalid/crl/ca.crl";

    /// <summary>The CA's own distribution point as a directoryName: the CA DN plus CN=CRL1.</summary>
    public static readonly X509Name CaCrlDirectoryName = new("C=JP,O=Test Medical Association,CN=Test-HPKI-forNonRepudiation,CN=CRL1");

    public static GeneralName Directory(X509Name name) => new(name);

    public static GeneralName Uri(string uri) => new(GeneralName.UniformResourceIdentifier, uri);

    public static DistributionPointName Full(params GeneralName[] names) => new(new GeneralNames(names));

    /// <summary>nameRelativeToCRLIssuer: one RDN CN=<paramref name="commonName"/> (UTF8String, as X509Name encodes CN).</summary>
    public static DistributionPointName Relative(string commonName) =>
        new(DistributionPointName.NameRelativeToCrlIssuer, new DerSet(new DerSequence(X509Name.CN, new DerUtf8String(commonName))));

    public static IssuingDistributionPoint Idp(
        DistributionPointName? name = null, bool onlyUser = false, bool onlyCa = false, int? onlySomeReasons = null, bool indirect = false, bool onlyAttributes = false) =>
        new(name, onlyUser, onlyCa, onlySomeReasons is { } reasons ? new ReasonFlags(reasons) : null, indirect, onlyAttributes);

    /// <summary>A CRL tweak that adds <paramref name="idp"/> as a critical extension.</summary>
    public static Action<X509V2CrlGenerator> With(IssuingDistributionPoint idp) =>
        generator => generator.AddExtension(X509Extensions.IssuingDistributionPoint, true, idp);

    /// <summary>The CA's fresh CRL with <paramref name="idp"/>, listing <paramref name="revoked"/>.</summary>
    public static byte[] CaCrl(IssuingDistributionPoint idp, params (long Serial, DateTime RevokedAt)[] revoked) =>
        TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime.AddDays(-10), TestPki.Now.UtcDateTime.AddDays(20), revoked, With(idp));

    /// <summary>The root's fresh CRL with <paramref name="idp"/> (null: none), listing <paramref name="revoked"/>.</summary>
    public static byte[] RootCrl(IssuingDistributionPoint? idp, params (long Serial, DateTime RevokedAt)[] revoked) =>
        TestPki.Crl(TestPki.RootName, TestPki.RootKey, TestPki.Now.UtcDateTime.AddDays(-10), TestPki.Now.UtcDateTime.AddDays(20), revoked,
            idp is null ? null : With(idp));

    public static CrlDistPoint Points(params DistributionPoint[] points) => new(points);

    public static DistributionPoint Point(DistributionPointName? name, int? reasons = null, params GeneralName[] crlIssuer) =>
        new(name, reasons is { } flags ? new ReasonFlags(flags) : null, crlIssuer.Length == 0 ? null : new GeneralNames(crlIssuer));

    /// <summary>An HPKI signing end entity of the standard CA with these cRLDistributionPoints.</summary>
    public static byte[] EndEntity(CrlDistPoint points) =>
        TestPki.EndEntity(OnshiDevice.Pki.CertificatePurpose.HpkiSigning, spec => spec.Extensions.Add((X509Extensions.CrlDistributionPoints, false, points)));

    /// <summary>An end entity naming the CA's CRL both ways, as the real certificates do: a directoryName and a URI.</summary>
    public static byte[] EndEntityNamingTheCaCrl() =>
        EndEntity(Points(Point(Full(Directory(CaCrlDirectoryName))), Point(Full(Uri(CaCrlUri)))));
}
