using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace OnshiDevice.Simulators.Hpki;

/// <summary>What one HPKI card holds of the hierarchy: its two certificates with their private keys, and the CA certificates.</summary>
public sealed class HpkiCardCredentials
{
    internal HpkiCardCredentials(
        byte[] signingCertificate, byte[] authenticationCertificate,
        RsaKeyParameters signingPrivateKey, RsaKeyParameters authenticationPrivateKey,
        byte[] rootCertificate, byte[] signingCaCertificate, byte[] authenticationCaCertificate)
    {
        SigningCertificate = signingCertificate;
        AuthenticationCertificate = authenticationCertificate;
        SigningPrivateKey = signingPrivateKey;
        AuthenticationPrivateKey = authenticationPrivateKey;
        RootCertificate = rootCertificate;
        SigningCaCertificate = signingCaCertificate;
        AuthenticationCaCertificate = authenticationCaCertificate;
        SigningPublicKeyInfo = PublicKeyInfo(signingCertificate);
        AuthenticationPublicKeyInfo = PublicKeyInfo(authenticationCertificate);
    }

    /// <summary>The 署名用 end-entity certificate (EF 0016 of the signing application).</summary>
    public byte[] SigningCertificate { get; }

    /// <summary>The 認証用 end-entity certificate (EF 0016 of the authentication application).</summary>
    public byte[] AuthenticationCertificate { get; }

    public byte[] RootCertificate { get; }

    public byte[] SigningCaCertificate { get; }

    public byte[] AuthenticationCaCertificate { get; }

    /// <summary>DER SubjectPublicKeyInfo of the signing key.</summary>
    public byte[] SigningPublicKeyInfo { get; }

    /// <summary>DER SubjectPublicKeyInfo of the authentication key.</summary>
    public byte[] AuthenticationPublicKeyInfo { get; }

    internal RsaKeyParameters SigningPrivateKey { get; }

    internal RsaKeyParameters AuthenticationPrivateKey { get; }

    private static byte[] PublicKeyInfo(byte[] certificate) =>
        new X509CertificateParser().ReadCertificate(certificate).CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded();
}
