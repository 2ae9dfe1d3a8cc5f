using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace OnshiDevice.Simulators.MyNumber;

/// <summary>What one card holds of the hierarchy: its two certificates with their private keys, and the CA certificates.</summary>
public sealed class JpkiCardCredentials
{
    internal JpkiCardCredentials(
        byte[] authCertificate, byte[] signingCertificate,
        RsaKeyParameters authPrivateKey, RsaKeyParameters signingPrivateKey,
        byte[] authCaCertificate, byte[] signingCaCertificate)
    {
        AuthCertificate = authCertificate;
        SigningCertificate = signingCertificate;
        AuthPrivateKey = authPrivateKey;
        SigningPrivateKey = signingPrivateKey;
        AuthCaCertificate = authCaCertificate;
        SigningCaCertificate = signingCaCertificate;
        AuthPublicKeyInfo = PublicKeyInfo(authCertificate);
        SigningPublicKeyInfo = PublicKeyInfo(signingCertificate);
    }

    public byte[] AuthCertificate { get; }

    public byte[] SigningCertificate { get; }

    public byte[] AuthCaCertificate { get; }

    public byte[] SigningCaCertificate { get; }

    /// <summary>DER SubjectPublicKeyInfo of the user-authentication key.</summary>
    public byte[] AuthPublicKeyInfo { get; }

    /// <summary>DER SubjectPublicKeyInfo of the signing key.</summary>
    public byte[] SigningPublicKeyInfo { get; }

    internal RsaKeyParameters AuthPrivateKey { get; }

    internal RsaKeyParameters SigningPrivateKey { get; }

    private static byte[] PublicKeyInfo(byte[] certificate) =>
        new X509CertificateParser().ReadCertificate(certificate).CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
}
