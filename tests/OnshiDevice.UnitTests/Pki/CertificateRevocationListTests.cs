using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CsCheck;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;
using Org.BouncyCastle.Asn1;

namespace OnshiDevice.UnitTests.Pki;

public sealed class CertificateRevocationListTests
{
    private static readonly Lazy<(RSA Key, byte[] Certificate)> DotNetCa = new(() =>
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("C=JP, CN=Large CRL CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(70));
        return (key, certificate.RawData);
    });

    [Fact]
    public void A_bouncy_castle_crl_reads_back()
    {
        var revokedAt = TestPki.Now.UtcDateTime.AddDays(-3);
        var der = TestPki.CaCrl((0x1001, revokedAt), (0x80, revokedAt.AddDays(-1)));

        var crl = CertificateRevocationList.Parse(der);

        Assert.Equal(DerCertificate.Parse(TestPki.CaCertificate).SubjectName.ToArray(), crl.IssuerName.ToArray());
        Assert.Equal(TestPki.Now.AddDays(-10), crl.ThisUpdate);
        Assert.Equal(TestPki.Now.AddDays(20), crl.NextUpdate);
        Assert.Equal(1, crl.CrlNumber);
        Assert.Equal(DerCertificate.Parse(TestPki.CaCertificate).SubjectKeyIdentifier.ToArray(), crl.AuthorityKeyIdentifier.ToArray());
        Assert.Null(crl.Problem);
        Assert.Equal(2, crl.Count);
        Assert.True(crl.TryGetRevocation([0x10, 0x01], out var when, out var reason));
        Assert.Equal(new DateTimeOffset(revokedAt), when);
        Assert.Equal(1, reason); // keyCompromise
        Assert.True(crl.TryGetRevocation([0x00, 0x80], out _, out _)); // INTEGER 128 is encoded 00 80
        Assert.False(crl.TryGetRevocation([0x80], out _, out _));
        Assert.False(crl.TryGetRevocation([0x10, 0x02], out _, out _));
        Assert.True(crl.IsSignedBy(DerCertificate.Parse(TestPki.CaCertificate)));
        Assert.False(crl.IsSignedBy(DerCertificate.Parse(TestPki.RootCertificate)));
    }

    [Fact]
    public void A_crl_without_entries_reads_back()
    {
        var crl = CertificateRevocationList.Parse(TestPki.RootCrl());

        Assert.Equal(0, crl.Count);
        Assert.False(crl.TryGetRevocation([0x01], out _, out _));
        Assert.True(crl.IsSignedBy(DerCertificate.Parse(TestPki.RootCertificate)));
    }

    [Fact]
    public void An_unknown_critical_crl_extension_makes_the_crl_unusable()
    {
        var der = TestPki.Crl(TestPki.CaName, TestPki.CaKey, TestPki.Now.UtcDateTime, null, [],
            generator => generator.AddExtension(new DerObjectIdentifier("1.2.392.99999.1"), true, DerInteger.ValueOf(1)));

        var crl = CertificateRevocationList.Parse(der);

        Assert.Contains("1.2.392.99999.1", crl.Problem, StringComparison.Ordinal);
        Assert.Null(crl.NextUpdate);
    }

    [Fact]
    public void Many_entries_load_into_the_table_and_every_one_is_found()
    {
        const int count = 200_000;
        var (key, caCertificate) = DotNetCa.Value;
        var der = LargeCrl.Build(key, DerCertificate.Parse(caCertificate).SubjectName.ToArray(), count);

        var crl = CertificateRevocationList.Parse(der);

        Assert.Equal(count, crl.Count);
        Assert.True(crl.IsSignedBy(DerCertificate.Parse(caCertificate)));
        Assert.InRange(crl.MemoryBytes / (double)count, 20, 64);
        for (var index = 0; index < count; index++)
        {
            Assert.True(crl.TryGetRevocation(LargeCrl.Serial(index), out var revokedAt, out _));
            Assert.Equal(LargeCrl.RevokedAt, revokedAt);
        }

        Assert.False(crl.TryGetRevocation(LargeCrl.Serial(count), out _, out _));
        Assert.False(crl.TryGetRevocation(LargeCrl.Serial(-1), out _, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3080")]
    [InlineData("3084FFFFFFFF")]
    [InlineData("3100")]
    public void Malformed_crls_are_rejected(string hex)
    {
        Assert.Throws<MalformedCertificateException>(() => CertificateRevocationList.Parse(Convert.FromHexString(hex)));
    }

    [Fact]
    public void A_revoked_entry_with_an_impossible_date_is_rejected()
    {
        var der = TestPki.CaCrl((0x1001, new DateTime(2026, 5, 30, 0, 0, 0, DateTimeKind.Utc)));
        var index = der.AsSpan().IndexOf("260530000000Z"u8);
        der[index + 4] = (byte)'3';
        der[index + 5] = (byte)'2'; // 32 May

        var exception = Assert.Throws<MalformedCertificateException>(() => CertificateRevocationList.Parse(der));
        Assert.Contains("revocationDate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_parse_or_are_malformed() => Gen.Byte.Array[0, 300].Sample(bytes =>
    {
        try
        {
            CertificateRevocationList.Parse(bytes);
        }
        catch (MalformedCertificateException)
        {
        }
    });

    [Fact]
    public void Mutations_of_a_crl_parse_or_are_malformed_and_never_verify()
    {
        var original = TestPki.CaCrl((0x1001, TestPki.Now.UtcDateTime.AddDays(-3)), (0x2002, TestPki.Now.UtcDateTime.AddDays(-2)));
        var ca = DerCertificate.Parse(TestPki.CaCertificate);
        CertificateMutations.Of(original).Sample(mutated =>
        {
            try
            {
                var crl = CertificateRevocationList.Parse(mutated);
                Assert.True(mutated.AsSpan().SequenceEqual(original) || !crl.IsSignedBy(ca));
            }
            catch (MalformedCertificateException)
            {
            }
        }, iter: 300);
    }
}
