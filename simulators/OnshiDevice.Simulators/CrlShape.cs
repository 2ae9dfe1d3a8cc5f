using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.Simulators;

/// <summary>
/// The issuingDistributionPoint the real PKI gives one CRL: its distribution point name and which kind of
/// certificate it covers. <see cref="For"/> turns it into what <see cref="CrlOptions"/> asks for.
/// </summary>
internal sealed record CrlShape(GeneralNames DistributionPoint, bool OnlyUserCertificates, bool OnlyCaCertificates)
{
    public const string OtherDistributionPointUri = "http://crl-elsewhere.invalid/other.crl";

    /// <summary>The IDP to put in the CRL, or null for none.</summary>
    public IssuingDistributionPoint? For(CrlScope scope)
    {
        var name = new DistributionPointName(DistributionPoint);
        return scope switch
        {
            CrlScope.AsIssued => new IssuingDistributionPoint(name, OnlyUserCertificates, OnlyCaCertificates, null, false, false),
            CrlScope.WholeIssuer => null,
            CrlScope.WrongCertificateKind => new IssuingDistributionPoint(name, !OnlyUserCertificates, !OnlyCaCertificates, null, false, false),
            CrlScope.AttributeCertificatesOnly => new IssuingDistributionPoint(name, false, false, null, false, true),
            CrlScope.SomeReasonsOnly => new IssuingDistributionPoint(
                name, OnlyUserCertificates, OnlyCaCertificates, new ReasonFlags(ReasonFlags.KeyCompromise | ReasonFlags.CACompromise), false, false),
            CrlScope.Indirect => new IssuingDistributionPoint(name, OnlyUserCertificates, OnlyCaCertificates, null, true, false),
            CrlScope.OtherDistributionPoint => new IssuingDistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, OtherDistributionPointUri))),
                OnlyUserCertificates, OnlyCaCertificates, null, false, false),
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown CRL scope."),
        };
    }

    /// <summary>cRLDistributionPoints with one DistributionPoint per name, as the real HPKI and JPKI certificates have them.</summary>
    public static CrlDistPoint DistributionPoints(params GeneralName[] names) =>
        new(names.Select(name => new DistributionPoint(new DistributionPointName(new GeneralNames(name)), null, null)).ToArray());
}
