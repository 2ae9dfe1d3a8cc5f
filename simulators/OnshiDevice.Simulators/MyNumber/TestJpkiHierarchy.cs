using System.Globalization;
using OnshiDevice.Simulators.Keys;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// A test JPKI hierarchy shaped like the real one (reference §10): two self-signed roots
/// (user authentication, digital signature) under <c>O=JPKI-TEST</c>, issuing RSA-2048
/// sha256WithRSA card certificates. Roots and card certificates name the CA's DN as their CRL
/// distribution point (reference §10), so each root issues a CRL for the cards (critical IDP with that
/// directoryName, onlyContainsUserCerts) and an ARL (the same name, onlyContainsCACerts); the real JPKI
/// CRL extensions are UNCONFIRMED. Everything derives from a seed, so the same seed yields
/// the same DER bytes. RSA key generation is slow, so keys are generated once per seed and label.
/// </summary>
public sealed class TestJpkiHierarchy
{
    public const string DefaultSeed = "onshi-device-test-jpki-v1";

    /// <summary>Policy OID the JPKI test cards carry.</summary>
    public const string TestCardPolicyOid = "1.2.392.200149.8.5.1.0.20";

    private const string AgencyUnit = "Japan Agency for Local Authority Information Systems";
    private const string ServiceName = "公的個人認証サービス";

    private static readonly Lazy<TestJpkiHierarchy> DefaultHierarchy = new(() => new TestJpkiHierarchy(DefaultSeed));

    private static readonly DateTime CaNotBefore = new(2014, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime CaNotAfter = new(2034, 12, 31, 14, 59, 59, DateTimeKind.Utc);

    private readonly IssuedOnce<JpkiCardCredentials> _cards = new();
    private readonly Lazy<AsymmetricCipherKeyPair> _impostorKey;

    public TestJpkiHierarchy(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        Seed = seed;
        AuthCaName = CaName("JPKI for user authentication");
        SigningCaName = CaName("JPKI for digital signature");
        AuthCaKey = GenerateKey("auth-ca");
        SigningCaKey = GenerateKey("sign-ca");
        AuthCaCertificate = IssueCa(AuthCaName, AuthCaKey, new BigInteger("0A7E5701", 16));
        SigningCaCertificate = IssueCa(SigningCaName, SigningCaKey, new BigInteger("0A7E5702", 16));
        _impostorKey = new Lazy<AsymmetricCipherKeyPair>(() => GenerateKey("crl-impostor"));
    }

    /// <summary>The hierarchy every ready-made test card comes from.</summary>
    public static TestJpkiHierarchy Default => DefaultHierarchy.Value;

    public string Seed { get; }

    public byte[] AuthCaCertificate { get; }

    public byte[] SigningCaCertificate { get; }

    internal X509Name AuthCaName { get; }

    internal X509Name SigningCaName { get; }

    internal AsymmetricCipherKeyPair AuthCaKey { get; }

    internal AsymmetricCipherKeyPair SigningCaKey { get; }

    /// <summary>
    /// The keys and certificates of one card. Cached by <paramref name="label"/>: the first call
    /// for a label generates two RSA keys, later calls return the same object.
    /// </summary>
    public JpkiCardCredentials Card(string label, JpkiHolder holder, DateTime notBefore, DateTime notAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(holder);
        return _cards.GetOrIssue(label, () => IssueCard(label, holder, notBefore, notAfter));
    }

    /// <summary>
    /// A v2 CRL of <paramref name="authority"/> for the card certificates it issues (sha256WithRSA, CRL number,
    /// authority key identifier, critical IDP: the CA DN as directoryName, onlyContainsUserCerts) listing
    /// <paramref name="revoked"/>, signed with that CA's key, changed as <paramref name="options"/> asks.
    /// </summary>
    public byte[] IssueCrl(
        JpkiAuthority authority, IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber,
        CrlOptions? options = null)
    {
        var (name, key) = Authority(authority);
        return CrlIssuer.Issue(name, key.Public, key.Private, revoked, thisUpdate, nextUpdate, crlNumber, new CrlShape(new GeneralNames(new GeneralName(name)), true, false), options);
    }

    /// <summary>The root's authority revocation list: as <see cref="IssueCrl"/>, but onlyContainsCACerts.</summary>
    public byte[] IssueArl(
        JpkiAuthority authority, IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber,
        CrlOptions? options = null)
    {
        var (name, key) = Authority(authority);
        return CrlIssuer.Issue(name, key.Public, key.Private, revoked, thisUpdate, nextUpdate, crlNumber, new CrlShape(new GeneralNames(new GeneralName(name)), false, true), options);
    }

    /// <summary>
    /// TEST ONLY: a CRL that names <paramref name="authority"/> as issuer (name and key identifier)
    /// but is signed by a key no CA holds, so that a verifier's CRL signature check can be tested.
    /// </summary>
    public byte[] IssueCrlSignedByWrongKeyForTests(JpkiAuthority authority, IEnumerable<RevokedCertificate> revoked, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long crlNumber)
    {
        var (name, key) = Authority(authority);
        return CrlIssuer.Issue(name, key.Public, _impostorKey.Value.Private, revoked, thisUpdate, nextUpdate, crlNumber,
            new CrlShape(new GeneralNames(new GeneralName(name)), true, false), null);
    }

    private (X509Name Name, AsymmetricCipherKeyPair Key) Authority(JpkiAuthority authority) => authority switch
    {
        JpkiAuthority.Authentication => (AuthCaName, AuthCaKey),
        JpkiAuthority.Signing => (SigningCaName, SigningCaKey),
        _ => throw new ArgumentOutOfRangeException(nameof(authority), authority, "Unknown JPKI authority."),
    };

    private static X509Name CaName(string purposeUnit) => new(
        [X509Name.C, X509Name.O, X509Name.OU, X509Name.OU],
        ["JP", "JPKI-TEST", purposeUnit, AgencyUnit]);

    private static X509Name ServiceDirectoryName() => new([X509Name.C, X509Name.O], ["JP", ServiceName]);

    private AsymmetricCipherKeyPair GenerateKey(string label) => TestKeyCache.Default.RsaKeyPair(Seed, label);

    private byte[] IssueCa(X509Name name, AsymmetricCipherKeyPair key, BigInteger serial)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(serial);
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(CaNotBefore);
        generator.SetNotAfter(CaNotAfter);
        generator.SetPublicKey(key.Public);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(key.Public));
        generator.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(new GeneralName(ServiceDirectoryName())));
        generator.AddExtension(X509Extensions.CrlDistributionPoints, false, DirectoryDistributionPoint(name));
        TestRootMark.AddTo(generator);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHRSA", key.Private)).GetEncoded();
    }

    private JpkiCardCredentials IssueCard(string label, JpkiHolder holder, DateTime notBefore, DateTime notAfter)
    {
        var authKey = GenerateKey(label + "/auth");
        var signingKey = GenerateKey(label + "/sign");
        var id = DeterministicRandom.Hash(Seed, label);
        var authSerial = new BigInteger(1, id.AsSpan(0, 4).ToArray());
        var signingSerial = new BigInteger(1, id.AsSpan(4, 4).ToArray());
        var opaqueId = string.Create(CultureInfo.InvariantCulture, $"{Convert.ToHexString(id, 8, 4)}TESTCARD13221{id[12] % 1000:D3}A");

        var auth = NewEndEntity(AuthCaName, AuthCaKey, authKey, authSerial, notBefore, notAfter,
            new X509Name([X509Name.C, X509Name.CN], ["JP", opaqueId]));
        auth.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));

        var signing = NewEndEntity(SigningCaName, SigningCaKey, signingKey, signingSerial, notBefore, notAfter,
            new X509Name([X509Name.C, X509Name.L, X509Name.CN], ["JP", holder.Locality, holder.NameInLatin]));
        signing.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        signing.AddExtension(X509Extensions.SubjectAlternativeName, false, HolderOtherNames(holder));

        return new JpkiCardCredentials(
            auth.Generate(new Asn1SignatureFactory("SHA256WITHRSA", AuthCaKey.Private)).GetEncoded(),
            signing.Generate(new Asn1SignatureFactory("SHA256WITHRSA", SigningCaKey.Private)).GetEncoded(),
            (RsaKeyParameters)authKey.Private,
            (RsaKeyParameters)signingKey.Private,
            AuthCaCertificate,
            SigningCaCertificate);
    }

    private static X509V3CertificateGenerator NewEndEntity(
        X509Name issuer, AsymmetricCipherKeyPair issuerKey, AsymmetricCipherKeyPair subjectKey, BigInteger serial,
        DateTime notBefore, DateTime notAfter, X509Name subject)
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
        generator.AddExtension(X509Extensions.CertificatePolicies, false,
            new CertificatePolicies(new PolicyInformation(new DerObjectIdentifier(TestCardPolicyOid))));
        generator.AddExtension(X509Extensions.IssuerAlternativeName, false, new GeneralNames(new GeneralName(ServiceDirectoryName())));
        generator.AddExtension(X509Extensions.CrlDistributionPoints, false, DirectoryDistributionPoint(issuer));
        return generator;
    }

    private static CrlDistPoint DirectoryDistributionPoint(X509Name issuer) => new(
        [new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(issuer))), null, null)]);

    // The signing certificate names the holder in otherName entries, one OID per attribute (reference §10).
    private static GeneralNames HolderOtherNames(JpkiHolder holder)
    {
        static GeneralName Other(string oid, Asn1Encodable value) =>
            new(GeneralName.OtherName, new DerSequence(new DerObjectIdentifier(oid), new DerTaggedObject(true, 0, value)));

        return new GeneralNames(
        [
            Other("1.2.392.200149.8.5.5.1", new DerUtf8String(holder.Name)),
            Other("1.2.392.200149.8.5.5.2", new DerUtf8String(string.Empty)),
            Other("1.2.392.200149.8.5.5.3", new DerPrintableString(holder.Sex)),
            Other("1.2.392.200149.8.5.5.4", new DerPrintableString(holder.DateOfBirth)),
            Other("1.2.392.200149.8.5.5.5", new DerUtf8String(holder.Address)),
            Other("1.2.392.200149.8.5.5.6", new DerUtf8String(string.Empty)),
        ]);
    }
}
