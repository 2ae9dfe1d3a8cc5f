using System.Formats.Asn1;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Hpki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// Builds test hierarchies with BouncyCastle (an implementation independent of the verifier):
/// root → CA → end entity, shaped like the JPKI and HPKI profiles. Keys are generated once per process.
/// </summary>
internal static class TestPki
{
    public static readonly DateTime RootNotBefore = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime RootNotAfter = new(2040, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime EeNotBefore = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime EeNotAfter = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The verification time every test uses unless it tests time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    public const string HpkiSigningCaPolicy = "1.2.392.100495.1.5.1.1.3.1";
    public const string HpkiAuthenticationCaPolicy = "1.2.392.100495.1.5.1.2.3.1";

    public static readonly X509Name RootName = new("C=JP,O=Test Ministry,OU=Test HPKI Root CA");
    public static readonly X509Name CaName = new("C=JP,O=Test Medical Association,CN=Test-HPKI-forNonRepudiation");

    private static readonly Lazy<AsymmetricCipherKeyPair> RootKeyLazy = new(() => Generate(2048));
    private static readonly Lazy<AsymmetricCipherKeyPair> CaKeyLazy = new(() => Generate(2048));
    private static readonly Lazy<AsymmetricCipherKeyPair> EeKeyLazy = new(() => Generate(2048));
    private static readonly Lazy<AsymmetricCipherKeyPair> OtherKeyLazy = new(() => Generate(2048));
    private static readonly Lazy<AsymmetricCipherKeyPair> WeakKeyLazy = new(() => Generate(1024));
    private static readonly Lazy<byte[]> RootLazy = new(() => Root());
    private static readonly Lazy<byte[]> CaLazy = new(() => Ca());

    public static AsymmetricCipherKeyPair RootKey => RootKeyLazy.Value;

    public static AsymmetricCipherKeyPair CaKey => CaKeyLazy.Value;

    public static AsymmetricCipherKeyPair EeKey => EeKeyLazy.Value;

    public static AsymmetricCipherKeyPair OtherKey => OtherKeyLazy.Value;

    public static AsymmetricCipherKeyPair WeakKey => WeakKeyLazy.Value;

    /// <summary>The standard root and CA certificates (DER).</summary>
    public static byte[] RootCertificate => RootLazy.Value;

    public static byte[] CaCertificate => CaLazy.Value;

    public static string PolicyFor(CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.JpkiAuthentication => "1.2.392.200149.8.5.1.3.30",
        CertificatePurpose.JpkiSigning => "1.2.392.200149.8.5.1.1.20",
        CertificatePurpose.HpkiSigning => "1.2.392.100495.1.5.1.1.0.1",
        _ => "1.2.392.100495.1.5.1.2.0.1",
    };

    public static byte[] Root(Action<CertificateSpec>? tweak = null)
    {
        var spec = new CertificateSpec(RootName, RootName, RootKey, RootKey, 1, RootNotBefore, RootNotAfter);
        spec.Extensions.Add(new(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign)));
        spec.Extensions.Add(new(X509Extensions.BasicConstraints, true, new BasicConstraints(true)));
        spec.Extensions.Add(new(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(RootKey.Public)));
        tweak?.Invoke(spec);
        return spec.Build();
    }

    public static byte[] Ca(Action<CertificateSpec>? tweak = null)
    {
        var spec = new CertificateSpec(RootName, CaName, RootKey, CaKey, 2, RootNotBefore, new DateTime(2035, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        spec.Extensions.Add(new(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign)));
        spec.Extensions.Add(new(X509Extensions.BasicConstraints, true, new BasicConstraints(0)));
        spec.Extensions.Add(new(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(RootKey.Public)));
        spec.Extensions.Add(new(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(CaKey.Public)));
        // Both HPKI CA policies, so the one test CA may issue for every purpose; tests of the CA-policy rule tweak it.
        spec.Extensions.Add(new(X509Extensions.CertificatePolicies, true, new CertificatePolicies(
        [
            new PolicyInformation(new DerObjectIdentifier(HpkiSigningCaPolicy)),
            new PolicyInformation(new DerObjectIdentifier(HpkiAuthenticationCaPolicy)),
        ])));
        tweak?.Invoke(spec);
        return spec.Build();
    }

    /// <summary>An end entity fit for <paramref name="purpose"/>, issued by the standard CA.</summary>
    public static byte[] EndEntity(CertificatePurpose purpose, Action<CertificateSpec>? tweak = null, long serial = 0x1001)
    {
        var subject = purpose == CertificatePurpose.JpkiAuthentication
            ? new X509Name("C=JP,CN=997794E9AGCIEG13221003A")
            : new X509Name("C=JP,CN=Test Doctor,SERIALNUMBER=TEST0001");
        var spec = new CertificateSpec(CaName, subject, CaKey, EeKey, serial, EeNotBefore, EeNotAfter);
        var usage = purpose switch
        {
            CertificatePurpose.JpkiAuthentication or CertificatePurpose.HpkiAuthentication => KeyUsage.DigitalSignature,
            CertificatePurpose.JpkiSigning => KeyUsage.DigitalSignature | KeyUsage.NonRepudiation,
            _ => KeyUsage.NonRepudiation,
        };
        spec.Extensions.Add(new(X509Extensions.KeyUsage, true, new KeyUsage(usage)));
        spec.Extensions.Add(new(X509Extensions.CertificatePolicies, true,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(PolicyFor(purpose))))));
        spec.Extensions.Add(new(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(CaKey.Public)));
        spec.Extensions.Add(new(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(EeKey.Public)));
        if (purpose is CertificatePurpose.HpkiSigning or CertificatePurpose.HpkiAuthentication)
        {
            spec.Extensions.Add(new(X509Extensions.SubjectDirectoryAttributes, false, Asn1Object.FromByteArray(HcRoleAttributes(HcRole.MedicalDoctor))));
        }

        tweak?.Invoke(spec);
        return spec.Build();
    }

    /// <summary>SubjectDirectoryAttributes DER holding one hcRole, built with AsnWriter per reference A.2.3.</summary>
    public static byte[] HcRoleAttributes(string text, string scheme = HcRole.NationalCodingScheme, string? code = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(HcRole.AttributeOid);
            using (writer.PushSetOf())
            using (writer.PushSetOf())
            using (writer.PushSequence())
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
            using (writer.PushSetOf())
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    writer.WriteObjectIdentifier(scheme);
                }

                if (code is not null)
                {
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
                    {
                        writer.WriteCharacterString(UniversalTagNumber.NumericString, code);
                    }
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, text);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>A CRL signed by <paramref name="signer"/> (the CA key by default).</summary>
    public static byte[] Crl(
        X509Name issuer,
        AsymmetricCipherKeyPair signer,
        DateTime thisUpdate,
        DateTime? nextUpdate,
        IEnumerable<(long Serial, DateTime RevokedAt)> revoked,
        Action<X509V2CrlGenerator>? tweak = null,
        long crlNumber = 1)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(issuer);
        generator.SetThisUpdate(thisUpdate);
        if (nextUpdate is { } next)
        {
            generator.SetNextUpdate(next);
        }

        foreach (var (serial, revokedAt) in revoked)
        {
            generator.AddCrlEntry(BigInteger.ValueOf(serial), revokedAt, CrlReason.KeyCompromise);
        }

        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(crlNumber)));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(signer.Public));
        tweak?.Invoke(generator);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", signer.Private)).GetEncoded();
    }

    /// <summary>The CA's standard fresh CRL (valid around <see cref="Now"/>), listing <paramref name="revoked"/>.</summary>
    public static byte[] CaCrl(params (long Serial, DateTime RevokedAt)[] revoked) =>
        Crl(CaName, CaKey, Now.UtcDateTime.AddDays(-10), Now.UtcDateTime.AddDays(20), revoked);

    public static byte[] RootCrl() => Crl(RootName, RootKey, Now.UtcDateTime.AddDays(-10), Now.UtcDateTime.AddDays(20), []);

    private static AsymmetricCipherKeyPair Generate(int bits)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(new SecureRandom(), bits));
        return generator.GenerateKeyPair();
    }
}
