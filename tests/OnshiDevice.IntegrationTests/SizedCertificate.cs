using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.IntegrationTests;

/// <summary>A well-formed self-signed CA certificate of exactly the asked size, padded with a non-critical private extension.</summary>
public static class SizedCertificate
{
    private const string PaddingExtensionOid = "1.3.6.1.4.1.55555.7.1";

    public static byte[] Create(int size)
    {
        using var key = RSA.Create(2048);
        var padding = Math.Max(0, size - 1024);
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var der = Build(key, padding);
            if (der.Length == size)
            {
                return der;
            }

            // DER lengths grow by a byte at each 256-fold step, so the step can overshoot once; the loop settles.
            padding = Math.Max(0, padding + size - der.Length);
        }

        throw new InvalidOperationException($"Could not make a certificate of exactly {size} bytes.");
    }

    private static byte[] Build(RSA key, int padding)
    {
        var request = new CertificateRequest("CN=Sized Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));

        // extnValue holds DER: an OCTET STRING of zeros.
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        writer.WriteOctetString(new byte[padding]);
        request.CertificateExtensions.Add(new X509Extension(PaddingExtensionOid, writer.Encode(), false));

        var notBefore = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        return certificate.RawData;
    }
}
