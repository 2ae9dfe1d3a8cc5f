using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>One certificate to build; tests tweak its fields before <see cref="Build"/>.</summary>
internal sealed class CertificateSpec(
    X509Name issuer, X509Name subject, AsymmetricCipherKeyPair issuerKey, AsymmetricCipherKeyPair subjectKey,
    long serial, DateTime notBefore, DateTime notAfter)
{
    public X509Name Issuer { get; set; } = issuer;

    public X509Name Subject { get; set; } = subject;

    public AsymmetricCipherKeyPair IssuerKey { get; set; } = issuerKey;

    public AsymmetricCipherKeyPair SubjectKey { get; set; } = subjectKey;

    public long Serial { get; set; } = serial;

    public DateTime NotBefore { get; set; } = notBefore;

    public DateTime NotAfter { get; set; } = notAfter;

    public string SignatureAlgorithm { get; set; } = "SHA256WITHRSA";

    public List<(DerObjectIdentifier Oid, bool Critical, Asn1Encodable Value)> Extensions { get; } = [];

    public void Remove(DerObjectIdentifier oid) => Extensions.RemoveAll(extension => extension.Oid.Equals(oid));

    public void Replace(DerObjectIdentifier oid, bool critical, Asn1Encodable value)
    {
        Remove(oid);
        Extensions.Add((oid, critical, value));
    }

    public byte[] Build()
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Serial));
        generator.SetIssuerDN(Issuer);
        generator.SetSubjectDN(Subject);
        generator.SetNotBefore(NotBefore);
        generator.SetNotAfter(NotAfter);
        generator.SetPublicKey(SubjectKey.Public);
        foreach (var (oid, critical, value) in Extensions)
        {
            generator.AddExtension(oid, critical, value);
        }

        return generator.Generate(new Asn1SignatureFactory(SignatureAlgorithm, IssuerKey.Private)).GetEncoded();
    }
}
