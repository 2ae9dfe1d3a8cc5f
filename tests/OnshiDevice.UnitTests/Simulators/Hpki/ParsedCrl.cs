using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.UnitTests.Simulators.Hpki;

/// <summary>
/// A CRL read with System.Formats.Asn1 and checked with the framework's RSA, independently of the
/// BouncyCastle code that issued it.
/// </summary>
internal sealed record ParsedCrl(
    byte[] Tbs,
    byte[] Signature,
    string SignatureAlgorithm,
    int Version,
    byte[] Issuer,
    DateTimeOffset ThisUpdate,
    DateTimeOffset NextUpdate,
    IReadOnlyList<(BigInteger Serial, DateTimeOffset RevokedAt)> Entries,
    IReadOnlyDictionary<string, (bool Critical, byte[] Value)> Extensions)
{
    public static ParsedCrl Parse(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadEncodedValue().ToArray();
        var algorithm = outer.ReadSequence().ReadObjectIdentifier();
        var signature = outer.ReadBitString(out _);

        var reader = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        var version = 1;
        if (reader.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            version = (int)reader.ReadInteger() + 1;
        }

        reader.ReadSequence();
        var issuer = reader.ReadEncodedValue().ToArray();
        var thisUpdate = ReadTime(reader);
        var nextUpdate = ReadTime(reader);
        var entries = new List<(BigInteger, DateTimeOffset)>();
        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var list = reader.ReadSequence();
            while (list.HasData)
            {
                var entry = list.ReadSequence();
                entries.Add((entry.ReadInteger(), ReadTime(entry)));
            }
        }

        var extensions = new Dictionary<string, (bool, byte[])>(StringComparer.Ordinal);
        if (reader.HasData)
        {
            var list = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            while (list.HasData)
            {
                var extension = list.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
                extensions.Add(oid, (critical, extension.ReadOctetString()));
            }
        }

        return new ParsedCrl(tbs, signature, algorithm, version, issuer, thisUpdate, nextUpdate, entries, extensions);
    }

    public static BigInteger SerialOf(byte[] certificate)
    {
        using var parsed = X509CertificateLoader.LoadCertificate(certificate);
        return new BigInteger(parsed.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
    }

    public bool IsSignedBy(byte[] caCertificate)
    {
        using var ca = X509CertificateLoader.LoadCertificate(caCertificate);
        using var key = ca.GetRSAPublicKey()!;
        return key.VerifyData(Tbs, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public bool IsIssuedBy(byte[] caCertificate)
    {
        using var ca = X509CertificateLoader.LoadCertificate(caCertificate);
        return Issuer.AsSpan().SequenceEqual(ca.SubjectName.RawData);
    }

    /// <summary>The keyIdentifier of the AuthorityKeyIdentifier extension.</summary>
    public byte[] AuthorityKeyId()
    {
        var aki = new AsnReader(Extensions["2.5.29.35"].Value, AsnEncodingRules.DER).ReadSequence();
        return aki.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
    }

    public BigInteger CrlNumber() => new AsnReader(Extensions["2.5.29.20"].Value, AsnEncodingRules.DER).ReadInteger();

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
