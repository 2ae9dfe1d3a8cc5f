using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OnshiDevice.Simulators;

/// <summary>
/// Issues v2 CRLs for the test hierarchies: sha256WithRSA, CRL number and authority key
/// identifier, the entries given. The signer key is separate from the issuer's name and key
/// identifier so that tests can also make a CRL that claims one issuer but is signed by another key.
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
        long crlNumber)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        ArgumentOutOfRangeException.ThrowIfNegative(crlNumber);
        if (nextUpdate <= thisUpdate)
        {
            throw new ArgumentException("nextUpdate must come after thisUpdate.", nameof(nextUpdate));
        }

        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        foreach (var entry in revoked)
        {
            // Reason 0 adds no reasonCode extension.
            generator.AddCrlEntry(new BigInteger(1, entry.SerialNumber), entry.RevokedAt.UtcDateTime, 0);
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuerPublicKey));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(crlNumber)));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", signerPrivateKey)).GetEncoded();
    }
}
