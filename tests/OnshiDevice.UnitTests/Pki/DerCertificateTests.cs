using System.Security.Cryptography.X509Certificates;
using CsCheck;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace OnshiDevice.UnitTests.Pki;

public sealed class DerCertificateTests
{
    [Fact]
    public void Fields_match_what_the_framework_reads()
    {
        var der = TestPki.EndEntity(CertificatePurpose.HpkiSigning, serial: 0x00ABCDEF);
        using var framework = X509CertificateLoader.LoadCertificate(der);

        var certificate = DerCertificate.Parse(der);

        Assert.Equal(3, certificate.Version);
        Assert.Equal("00ABCDEF", framework.SerialNumber);
        Assert.Equal("ABCDEF", certificate.SerialNumberHex);
        Assert.Equal(framework.SubjectName.RawData, certificate.SubjectName.ToArray());
        Assert.Equal(framework.IssuerName.RawData, certificate.IssuerName.ToArray());
        Assert.Equal("SERIALNUMBER=TEST0001, CN=Test Doctor, C=JP".Replace("SERIALNUMBER", "serialNumber", StringComparison.Ordinal), certificate.Subject);
        Assert.Equal(new DateTimeOffset(framework.NotBefore.ToUniversalTime()), certificate.NotBefore);
        Assert.Equal(new DateTimeOffset(framework.NotAfter.ToUniversalTime()), certificate.NotAfter);
        Assert.Equal(framework.PublicKey.ExportSubjectPublicKeyInfo(), certificate.SubjectPublicKeyInfo.ToArray());
        Assert.Equal(2048, certificate.RsaModulusBits);
        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm);
        Assert.Equal(KeyUsageFlags.NonRepudiation, certificate.KeyUsage);
        Assert.False(certificate.IsCertificateAuthority);
        Assert.Equal(["1.2.392.100495.1.5.1.1.0.1"], certificate.PolicyOids);
        Assert.Equal(framework.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            certificate.SubjectKeyIdentifier.ToArray());
        Assert.Equal(DerCertificate.Parse(TestPki.CaCertificate).SubjectKeyIdentifier.ToArray(), certificate.AuthorityKeyIdentifier.ToArray());
        Assert.NotNull(certificate.SubjectDirectoryAttributes);
        Assert.Equal(framework.Extensions.Count, certificate.Extensions.Count);
    }

    [Fact]
    public void Ca_constraints_are_read()
    {
        var ca = DerCertificate.Parse(TestPki.CaCertificate);

        Assert.True(ca.IsCertificateAuthority);
        Assert.Equal(0, ca.PathLengthConstraint);
        Assert.Equal(KeyUsageFlags.KeyCertSign | KeyUsageFlags.CrlSign, ca.KeyUsage);
        Assert.True(DerCertificate.Parse(TestPki.RootCertificate).IsSelfIssued);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("3080")]
    [InlineData("30800000")]
    [InlineData("3084FFFFFFFF")]
    [InlineData("308900000000000000000001")]
    [InlineData("3100")]
    [InlineData("0400")]
    [InlineData("3000")]
    public void Malformed_headers_are_rejected(string hex)
    {
        Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Trailing_bytes_are_rejected()
    {
        var exception = Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(TestPki.CaCertificate.Append((byte)0x00).ToArray()));
        Assert.Contains("DER", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_outer_tag_is_rejected()
    {
        var der = TestPki.CaCertificate.ToArray();
        der[0] = 0x31;

        Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(der));
    }

    [Fact]
    public void A_repeated_extension_is_rejected()
    {
        var der = TestPki.EndEntity(CertificatePurpose.HpkiSigning, spec =>
            spec.Extensions.Add((new DerObjectIdentifier("1.2.3.4"), false, DerNull.Instance)));
        // Rename the second copy's OID by patching 1.2.3.4 into the SKI OID (2.5.29.14 = 55 1D 0E) position is fragile;
        // instead build the duplicate with a raw byte swap: 06 03 2A 03 04 → 06 03 55 1D 0E keeps every length.
        var index = IndexOf(der, [0x06, 0x03, 0x2A, 0x03, 0x04]);
        der[index + 2] = 0x55;
        der[index + 3] = 0x1D;
        der[index + 4] = 0x0E;

        var exception = Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(der));
        Assert.Contains("twice", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_impossible_time_is_rejected()
    {
        var der = TestPki.CaCertificate.ToArray();
        // notBefore 2020-01-01 is UTCTime "200101000000Z"; make the month 13.
        var index = IndexOf(der, "200101000000Z"u8.ToArray());
        der[index + 2] = (byte)'1';
        der[index + 3] = (byte)'3';

        Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(der));
    }

    [Fact]
    public void A_broken_key_usage_makes_the_certificate_malformed()
    {
        var der = TestPki.EndEntity(CertificatePurpose.HpkiSigning);
        // keyUsage 2.5.29.15, critical, OCTET STRING { BIT STRING }: turn the BIT STRING into an INTEGER.
        var index = IndexOf(der, [0x55, 0x1D, 0x0F, 0x01, 0x01, 0xFF, 0x04, 0x04, 0x03]);
        der[index + 8] = 0x02;

        Assert.Throws<MalformedCertificateException>(() => DerCertificate.Parse(der));
    }

    [Fact]
    public void Random_bytes_parse_or_are_malformed() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        try
        {
            DerCertificate.Parse(bytes);
        }
        catch (MalformedCertificateException)
        {
        }
    });

    [Fact]
    public void Mutations_of_a_certificate_parse_or_are_malformed()
    {
        var original = TestPki.EndEntity(CertificatePurpose.HpkiSigning);
        CertificateMutations.Of(original).Sample(mutated =>
        {
            try
            {
                DerCertificate.Parse(mutated);
            }
            catch (MalformedCertificateException)
            {
            }
        });
    }

    internal static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
