using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OnshiDevice.Simulators;

/// <summary>
/// Issues v2 CRLs for the test hierarchies: sha256WithRSA, CRL number and authority key identifier,
/// the issuingDistributionPoint of the CRL's shape (critical, as RFC 5280 requires), optionally a
/// deltaCRLIndicator, and the entries given with their entry extensions. The signer key is separate from
/// the issuer's name and key identifier so that tests can also make a CRL that claims one issuer but is
/// signed by another key.
/// </summary>
internal static class CrlIssuer
{
    public static byte[] Issue(
        X509Name issuer,
        AsymmetricKeyParameter issuerPublicKey,
        AsymmetricKeyParameter signerPrivateKey,
        IEnumerable<RevokedCertificate> revoked,
        DateTimeOffset thisUpdate,
        DateTimeOffset nextUpdate,
        long crlNumber,
        CrlShape shape,
        CrlOptions? options)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentOutOfRangeException.ThrowIfNegative(crlNumber);
        if (nextUpdate <= thisUpdate)
        {
            throw new ArgumentException("nextUpdate must come after thisUpdate.", nameof(nextUpdate));
        }

        options ??= CrlOptions.AsIssued;
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        foreach (var entry in revoked)
        {
            generator.AddCrlEntry(new BigInteger(1, entry.SerialNumber), entry.RevokedAt.UtcDateTime, EntryExtensions(entry));
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuerPublicKey));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(crlNumber)));
        if (shape.For(options.Scope) is { } distributionPoint)
        {
            generator.AddExtension(X509Extensions.IssuingDistributionPoint, true, distributionPoint);
        }

        if (options.DeltaOfBaseCrlNumber is { } baseNumber)
        {
            generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(baseNumber)));
        }

        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", signerPrivateKey)).GetEncoded();
    }

    private static X509Extensions? EntryExtensions(RevokedCertificate entry)
    {
        var extensions = new X509ExtensionsGenerator();
        if (entry.Reason is { } reason)
        {
            extensions.AddExtension(X509Extensions.ReasonCode, false, new CrlReason(reason));
        }

        if (entry.InvalidityDate is { } invalidity)
        {
            extensions.AddExtension(X509Extensions.InvalidityDate, false, new DerGeneralizedTime(invalidity.UtcDateTime));
        }

        if (entry.CertificateIssuerName is { } issuerName)
        {
            extensions.AddExtension(X509Extensions.CertificateIssuer, true,
                new GeneralNames(new GeneralName(X509Name.GetInstance(Asn1Object.FromByteArray(issuerName)))));
        }

        if (entry.UnknownCriticalExtensionOid is { } oid)
        {
            extensions.AddExtension(new DerObjectIdentifier(oid), true, DerNull.Instance);
        }

        return extensions.IsEmpty ? null : extensions.Generate();
    }
}
