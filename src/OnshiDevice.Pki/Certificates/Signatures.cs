using System.Security.Cryptography;

namespace OnshiDevice.Pki.Certificates;

/// <summary>RSA PKCS#1 v1.5 with SHA-256/384/512: the only signatures the JPKI and HPKI profiles use.</summary>
internal static class Signatures
{
    public static HashAlgorithmName? HashFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        Oids.Sha256WithRsa => HashAlgorithmName.SHA256,
        Oids.Sha384WithRsa => HashAlgorithmName.SHA384,
        Oids.Sha512WithRsa => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>True when <paramref name="subject"/>'s signature verifies with <paramref name="issuer"/>'s key; false for any unsupported or broken input.</summary>
    public static bool Verify(DerCertificate subject, DerCertificate issuer)
    {
        if (HashFor(subject.SignatureAlgorithm) is not { } hash || !HasNullOrAbsentParameters(subject))
        {
            return false;
        }

        return WithKey(issuer, rsa => rsa.VerifyData(subject.TbsCertificate.Span, subject.SignatureValue.Span, hash, RSASignaturePadding.Pkcs1));
    }

    public static bool VerifyHash(DerCertificate issuer, string signatureAlgorithm, byte[] digest, ReadOnlySpan<byte> signature)
    {
        if (HashFor(signatureAlgorithm) is not { } hash || digest.Length == 0)
        {
            return false;
        }

        var signatureCopy = signature.ToArray();
        return WithKey(issuer, rsa => rsa.VerifyHash(digest, signatureCopy, hash, RSASignaturePadding.Pkcs1));
    }

    private static bool HasNullOrAbsentParameters(DerCertificate certificate)
    {
        var parameters = certificate.SignatureAlgorithmParameters.Span;
        return parameters.IsEmpty || parameters.SequenceEqual(stackalloc byte[] { 0x05, 0x00 });
    }

    private static bool WithKey(DerCertificate issuer, Func<RSA, bool> verify)
    {
        if (issuer.PublicKeyAlgorithm != Oids.RsaEncryption)
        {
            return false;
        }

        return issuer.RsaPublicKey.Verify(verify);
    }
}
