using OnshiDevice.Simulators.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OnshiDevice.Simulators.Hpki;

/// <summary>
/// A test HPKI hierarchy shaped like the real one (reference hpki-card.md A.2): an MHLW-like
/// self-signed root certifying a JMA-like signing CA and a JMA-like authentication CA, which
/// issue the cards' end-entity certificates with the HPKI policy OIDs, critical key usage and
/// the hcRole attribute. Revocation is shaped like the real PKI's too: the root's certificate names
/// its RARL (a directoryName <c>&lt;root DN&gt;, CN=RARL</c> and a URI), the CA certificates name the root's
/// ARL (<c>&lt;root DN&gt;, CN=SARL</c> and a URI), and each CRL carries a critical issuingDistributionPoint
/// with that name and onlyContainsCACerts (the root's lists) or onlyContainsUserCerts (the CAs' lists,
/// named by the cards' URI). Every name says TEST and every URL is under <c>.invalid</c>, so nothing
/// here can be mistaken for, or fetched from, the real PKI. Everything derives from a seed: the
/// same seed yields the same DER bytes. Keys are generated once per seed and label.
/// </summary>
public sealed class TestHpkiHierarchy
{
    public const string DefaultSeed = "onshi-device-test-hpki-v1";

    /// <summary>Policy of the signing CA certificate (reference A.2.1).</summary>
    public const string SigningCaPolicyOid = "1.2.392.100495.1.5.1.1.3.1";

    /// <summary>Policy of the authentication CA certificate (reference A.2.1).</summary>
    public const string AuthenticationCaPolicyOid = "1.2.392.100495.1.5.1.2.3.1";

    /// <summary>Policy of signing end-entity certificates (reference A.2.2).</summary>
    public const string SigningPolicyOid = "1.2.392.100495.1.5.1.1.0.1";

    /// <summary>Policy of authentication end-entity certificates (reference A.2.2, by analogy; UNCONFIRMED there).</summary>
    public const string AuthenticationPolicyOid = "1.2.392.100495.1.5.1.2.0.1";

    public const string CertificationPracticeStatementUri = "http://hpki-test.invalid/certpolicy/";

    private const string RepositoryUri = "http://hpki-test.invalid/repository/";

    /// <summary>Where the root's ARL (the CRL of the CA certificates) is published; the real one is <c>rlist/sarl2.crl</c>.</summary>
    public const string ArlUri = RepositoryUri + "rlist/sarl-test.crl";

    /// <summary>Where the root's RARL (about the root itself) is published; the real one is <c>rlist/rarl2.crl</c>.</summary>
    public const string RarlUri = RepositoryUri + "rlist/rarl-test.crl";

    public const string SigningCrlUri = RepositoryUri + "crl/crl-sign-test.crl";

    public const string AuthenticationCrlUri = RepositoryUri + "crl/crl-auth-test.crl";

    private static readonly Lazy<TestHpkiHierarchy> DefaultHierarchy = new(() => new TestHpkiHierarchy(DefaultSeed));

    private static readonly DateTime RootNotBefore = new(2014, 1, 17, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime RootNotAfter = new(2044, 1, 16, 14, 59, 59, DateTimeKind.Utc);
    private static readonly DateTime CaNotBefore = new(2014, 1, 17, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CaNotAfter = new(2034, 1, 16, 14, 59, 59, DateTimeKind.Utc);

    private readonly IssuedOnce<HpkiCardCredentials> _cards = new();
    private readonly Lazy<AsymmetricCipherKeyPair> _impostorKey;

    public TestHpkiHierarchy(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        Seed = seed;
        RootName = RootDirectoryName();
        ArlName = RootDirectoryName("SARL");
        RarlName = RootDirectoryName("RARL");
        SigningCaName = JmaCaName("HPKI-01-HPKI_JV2-forNonRepudiation-TEST");
        AuthenticationCaName = JmaCaName("HPKI-01-HPKI_JV2-forAuthentication-forIndividual-TEST");
        RootKey = GenerateKey("root");
        SigningCaKey = GenerateKey("sign-ca");
        AuthenticationCaKey = GenerateKey("auth-ca");
        _impostorKey = new Lazy<AsymmetricCipherKeyPair>(() => GenerateKey("crl-impostor"));

        RootCertificate = IssueRoot();
        SigningCaCertificate = IssueCa(SigningCaName, SigningCaKey, BigInteger.Two, SigningCaPolicyOid);
        AuthenticationCaCertificate = IssueCa(AuthenticationCaName, AuthenticationCaKey, BigInteger.Three, AuthenticationCaPolicyOid);
    }

    /// <summary>The hierarchy every ready-made test HPKI card comes from.</summary>
    public static TestHpkiHierarchy Default => DefaultHierarchy.Value;

    public string Seed { get; }

    /// <summary>The self-signed root (DER): the trust anchor.</summary>
    public byte[] RootCertificate { get; }

    /// <summary>The signing CA (DER), issued by the root.</summary>
    public byte[] SigningCaCertificate { get; }

    /// <summary>The authentication CA (DER), issued by the root.</summary>
    public byte[] AuthenticationCaCertificate { get; }

    internal X509Name RootName { get; }

    internal X509Name SigningCaName { get; }

    /// <summary>The ARL's distribution point: the root DN plus CN=SARL.</summary>
    internal X509Name ArlName { get; }

    /// <summary>The RARL's distribution point: the root DN plus CN=RARL.</summary>
    internal X509Name RarlName { get; }

    internal X509Name AuthenticationCaName { get; }

    internal AsymmetricCipherKeyPair RootKey { get; }

    internal AsymmetricCipherKeyPair SigningCaKey { get; }

    internal AsymmetricCipherKeyPair AuthenticationCaKey { get; }

    /// <summary>The CA certificate (DER) of <paramref name="authority"/>.</summary>
    public byte[] Certificate(HpkiAuthority authority) => authority switch
    {
        HpkiAuthority.Root => RootCertificate,
        HpkiAuthority.Signing => SigningCaCertificate,
        HpkiAuthority.Authentication => AuthenticationCaCertificate,
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, "Unknown HPKI authority."),
    };

    /// <summary>
    /// The keys and certificates of one card. Cached by <paramref name="label"/>: the first call
    /// for a label generates two RSA keys, later calls return the same object.
    /// </summary>
    public HpkiCardCredentials Card(string label, HpkiHolder holder, DateTime notBefore, DateTime notAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(holder);
        return _cards.GetOrIssue(label, () => IssueCard(label, holder, notBefore, notAfter));
    }

    /// <summary>
    /// A v2 CRL of <paramref name="authority"/> (sha256WithRSA, CRL number, authority key identifier) listing
    /// <paramref name="revoked"/>, signed with that CA's key, for the certificates that authority issues: the
    /// root's ARL (IDP <c>&lt;root DN&gt;, CN=SARL</c>, onlyContainsCACerts) or a CA's CRL (IDP its URI,
    /// onlyContainsUserCerts), changed as <paramref name="options"/> asks.
    /// </summary>
    public byte[] IssueCrl(
        HpkiAuthority authority, IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber,
        CrlOptions? options = null)
    {
        var (name, key) = Authority(authority);
        return CrlIssuer.Issue(name, key.Public, key.Private, revoked, thisUpdate, nextUpdate, crlNumber, Shape(authority), options);
    }

    /// <summary>The root's RARL: the root's CRL about itself (IDP <c>&lt;root DN&gt;, CN=RARL</c>, onlyContainsCACerts), as the real root publishes beside its ARL.</summary>
    public byte[] IssueRootRarl(IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber, CrlOptions? options = null) =>
        CrlIssuer.Issue(RootName, RootKey.Public, RootKey.Private, revoked, thisUpdate, nextUpdate, crlNumber,
            new CrlShape(new GeneralNames(new GeneralName(RarlName)), false, true), options);

    /// <summary>
    /// TEST ONLY: a CRL that names <paramref name="authority"/> as issuer (name and key identifier)
    /// but is signed by a key no CA holds, so that a verifier's CRL signature check can be tested.
    /// </summary>
    public byte[] IssueCrlSignedByWrongKeyForTests(HpkiAuthority authority, IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber)
    {
        var (name, key) = Authority(authority);
        return CrlIssuer.Issue(name, key.Public, _impostorKey.Value.Private, revoked, thisUpdate, nextUpdate, crlNumber, Shape(authority), null);
    }

    private CrlShape Shape(HpkiAuthority authority) => authority switch
    {
        HpkiAuthority.Root => new CrlShape(new GeneralNames(new GeneralName(ArlName)), false, true),
        HpkiAuthority.Signing => new CrlShape(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, SigningCrlUri)), true, false),
        HpkiAuthority.Authentication => new CrlShape(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, AuthenticationCrlUri)), true, false),
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, "Unknown HPKI authority."),
    };

    private (X509Name Name, AsymmetricCipherKeyPair Key) Authority(HpkiAuthority authority) => authority switch
    {
        HpkiAuthority.Root => (RootName, RootKey),
        HpkiAuthority.Signing => (SigningCaName, SigningCaKey),
        HpkiAuthority.Authentication => (AuthenticationCaName, AuthenticationCaKey),
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, "Unknown HPKI authority."),
    };

    private static X509Name RootDirectoryName(string? commonName = null)
    {
        List<DerObjectIdentifier> oids = [X509Name.C, X509Name.O, X509Name.OU, X509Name.OU];
        List<string> values = ["JP", "Ministry of Health, Labour and Welfare", "OnshiDevice TEST", "MHLW HPKI Root CA TEST"];
        if (commonName is not null)
        {
            oids.Add(X509Name.CN);
            values.Add(commonName);
        }

        return new X509Name(oids, values);
    }

    private static X509Name JmaCaName(string commonName) => new(
        [X509Name.C, X509Name.O, X509Name.OU, X509Name.CN],
        ["JP", "Japan Medical Association", "Digital Certificate Center TEST", commonName]);

    private AsymmetricCipherKeyPair GenerateKey(string label) => TestKeyCache.Default.RsaKeyPair(Seed, label);

    private byte[] IssueRoot()
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.One);
        generator.SetIssuerDN(RootName);
        generator.SetSubjectDN(RootName);
        generator.SetNotBefore(RootNotBefore);
        generator.SetNotAfter(RootNotAfter);
        generator.SetPublicKey(RootKey.Public);
        AddCaExtensions(generator, RootKey.Public, RootKey.Public);
        generator.AddExtension(X509Extensions.CrlDistributionPoints, false,
            CrlShape.DistributionPoints(new GeneralName(RarlName), new GeneralName(GeneralName.UniformResourceIdentifier, RarlUri)));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", RootKey.Private)).GetEncoded();
    }

    private byte[] IssueCa(X509Name name, AsymmetricCipherKeyPair key, BigInteger serial, string policyOid)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(RootName);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(CaNotBefore);
        generator.SetNotAfter(CaNotAfter);
        generator.SetPublicKey(key.Public);
        AddCaExtensions(generator, key.Public, RootKey.Public);
        generator.AddExtension(X509Extensions.CrlDistributionPoints, false,
            CrlShape.DistributionPoints(new GeneralName(ArlName), new GeneralName(GeneralName.UniformResourceIdentifier, ArlUri)));
        generator.AddExtension(X509Extensions.CertificatePolicies, true, new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(policyOid))));
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", RootKey.Private)).GetEncoded();
    }

    private static void AddCaExtensions(X509V3CertificateGenerator generator, AsymmetricKeyParameter subjectKey, AsymmetricKeyParameter issuerKey)
    {
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(subjectKey));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuerKey));
        TestRootMark.AddTo(generator);
    }

    private HpkiCardCredentials IssueCard(string label, HpkiHolder holder, DateTime notBefore, DateTime notAfter)
    {
        var signingKey = GenerateKey(label + "/sign");
        var authenticationKey = GenerateKey(label + "/auth");
        var id = DeterministicRandom.Hash(Seed, label);
        var signingSerial = new BigInteger(1, id.AsSpan(0, 8).ToArray());
        var authenticationSerial = new BigInteger(1, id.AsSpan(8, 8).ToArray());
        var subject = new X509Name([X509Name.C, X509Name.CN, X509Name.SerialNumber], ["JP", holder.NameInLatin, holder.Id]);

        var signing = NewEndEntity(SigningCaName, SigningCaKey, signingKey, signingSerial, notBefore, notAfter, subject, holder.Role);
        signing.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.NonRepudiation));
        signing.AddExtension(X509Extensions.CertificatePolicies, true, PolicyWithPracticeStatement(SigningPolicyOid));
        signing.AddExtension(X509Extensions.CrlDistributionPoints, false, CrlShape.DistributionPoints(new GeneralName(GeneralName.UniformResourceIdentifier, SigningCrlUri)));

        var authentication = NewEndEntity(AuthenticationCaName, AuthenticationCaKey, authenticationKey, authenticationSerial, notBefore, notAfter, subject, holder.Role);
        authentication.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        authentication.AddExtension(X509Extensions.CertificatePolicies, true, PolicyWithPracticeStatement(AuthenticationPolicyOid));
        authentication.AddExtension(X509Extensions.CrlDistributionPoints, false, CrlShape.DistributionPoints(new GeneralName(GeneralName.UniformResourceIdentifier, AuthenticationCrlUri)));

        return new HpkiCardCredentials(
            signing.Generate(new Asn1SignatureFactory("SHA256WITHRSA", SigningCaKey.Private)).GetEncoded(),
            authentication.Generate(new Asn1SignatureFactory("SHA256WITHRSA", AuthenticationCaKey.Private)).GetEncoded(),
            (RsaKeyParameters)signingKey.Private,
            (RsaKeyParameters)authenticationKey.Private,
            RootCertificate,
            SigningCaCertificate,
            AuthenticationCaCertificate);
    }

    private static X509V3CertificateGenerator NewEndEntity(
        X509Name issuer, AsymmetricCipherKeyPair issuerKey, AsymmetricCipherKeyPair subjectKey, BigInteger serial,
        DateTime notBefore, DateTime notAfter, X509Name subject, string role)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(subjectKey.Public);
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuerKey.Public));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(subjectKey.Public));
        generator.AddExtension(X509Extensions.SubjectDirectoryAttributes, false, HcRoleExtension.SubjectDirectoryAttributes(role));
        return generator;
    }

    private static CertificatePolicies PolicyWithPracticeStatement(string oid) =>
        new(new PolicyInformation(new DerObjectIdentifier(oid), new DerSequence(new PolicyQualifierInfo(CertificationPracticeStatementUri))));
}
