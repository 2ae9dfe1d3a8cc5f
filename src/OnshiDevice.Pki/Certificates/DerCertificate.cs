using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// An X.509 v3 certificate parsed strictly from DER with System.Formats.Asn1: only what path
/// validation needs, every length checked. Malformed input raises <see cref="MalformedCertificateException"/>.
/// The extensions the verifier acts on are decoded here too, so a broken keyUsage or basicConstraints
/// makes the certificate malformed instead of silently "absent".
/// </summary>
public sealed class DerCertificate
{
    private DerCertificate()
    {
    }

    /// <summary>The certificate exactly as given.</summary>
    public ReadOnlyMemory<byte> Encoded { get; private init; }

    /// <summary>tbsCertificate as encoded (what the issuer signed).</summary>
    public ReadOnlyMemory<byte> TbsCertificate { get; private init; }

    /// <summary>1, 2 or 3.</summary>
    public int Version { get; private init; }

    /// <summary>Serial number content octets (big-endian, as encoded, leading zero kept).</summary>
    public ReadOnlyMemory<byte> SerialNumber { get; private init; }

    /// <summary>Serial number as upper-case hex without a leading 00 sign byte.</summary>
    public string SerialNumberHex => SerialToHex(SerialNumber.Span);

    /// <summary>The signature algorithm OID (outer and tbs inner are checked to be identical).</summary>
    public string SignatureAlgorithm { get; private init; } = string.Empty;

    /// <summary>The AlgorithmIdentifier's parameters as encoded (empty when absent).</summary>
    public ReadOnlyMemory<byte> SignatureAlgorithmParameters { get; private init; }

    /// <summary>Issuer Name, DER (compared byte for byte when building paths).</summary>
    public ReadOnlyMemory<byte> IssuerName { get; private init; }

    public ReadOnlyMemory<byte> SubjectName { get; private init; }

    /// <summary>RFC 4514 form, for people.</summary>
    public string Issuer { get; private init; } = string.Empty;

    /// <summary>
    /// RFC 4514 form. Internal: a JPKI signing certificate's subject names its holder, so whatever leaves the
    /// PKI layer shows a subject only through <see cref="PersonalSubject"/>.
    /// </summary>
    internal string Subject { get; private init; } = string.Empty;

    /// <summary>The issuer's attributes in encoding order.</summary>
    public IReadOnlyList<NameAttribute> IssuerAttributes { get; private init; } = [];

    /// <summary>The subject's attributes in encoding order, for profile checks on its exact shape.</summary>
    public IReadOnlyList<NameAttribute> SubjectAttributes { get; private init; } = [];

    public DateTimeOffset NotBefore { get; private init; }

    public DateTimeOffset NotAfter { get; private init; }

    /// <summary>SubjectPublicKeyInfo as encoded (what RSA.ImportSubjectPublicKeyInfo takes).</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; private init; }

    /// <summary>The RSA public key, imported once per concurrent user (see <see cref="RsaKeyPool"/>).</summary>
    internal RsaKeyPool RsaPublicKey { get; private init; } = null!;

    public string PublicKeyAlgorithm { get; private init; } = string.Empty;

    /// <summary>RSA modulus length in bits; 0 when the key is not RSA.</summary>
    public int RsaModulusBits { get; private init; }

    public IReadOnlyList<CertificateExtension> Extensions { get; private init; } = [];

    /// <summary>The signature BIT STRING content (no unused bits allowed).</summary>
    public ReadOnlyMemory<byte> SignatureValue { get; private init; }

    /// <summary>keyUsage bits; null when the extension is absent.</summary>
    public KeyUsageFlags? KeyUsage { get; private init; }

    /// <summary>True when basicConstraints is present with cA TRUE.</summary>
    public bool IsCertificateAuthority { get; private init; }

    /// <summary>basicConstraints pathLenConstraint; null when absent or not a CA.</summary>
    public int? PathLengthConstraint { get; private init; }

    /// <summary>certificatePolicies policyIdentifiers; empty when absent.</summary>
    public IReadOnlyList<string> PolicyOids { get; private init; } = [];

    /// <summary>subjectKeyIdentifier; empty when absent.</summary>
    public ReadOnlyMemory<byte> SubjectKeyIdentifier { get; private init; }

    /// <summary>authorityKeyIdentifier keyIdentifier; empty when absent.</summary>
    public ReadOnlyMemory<byte> AuthorityKeyIdentifier { get; private init; }

    /// <summary>cRLDistributionPoints, decoded; empty when absent. The CRL scope check matches them against a CRL's issuingDistributionPoint.</summary>
    internal IReadOnlyList<DistributionPoint> CrlDistributionPoints { get; private init; } = [];

    /// <summary>
    /// The type OIDs of the subjectAltName's otherName entries (where the JPKI signing certificate puts the
    /// holder's name, sex, birth date and address); null when the extension is present but cannot be read.
    /// </summary>
    internal IReadOnlyList<string>? SubjectAltNameOtherNameTypes { get; private init; } = [];

    /// <summary>SubjectDirectoryAttributes extnValue (where HPKI puts hcRole); null when absent.</summary>
    public ReadOnlyMemory<byte>? SubjectDirectoryAttributes => FindExtension(Oids.SubjectDirectoryAttributes)?.Value;

    /// <summary>True when issuer and subject names are the same bytes (a root or a self-issued CA).</summary>
    public bool IsSelfIssued => IssuerName.Span.SequenceEqual(SubjectName.Span);

    public CertificateExtension? FindExtension(string oid) => Extensions.FirstOrDefault(extension => extension.Oid == oid);

    public static DerCertificate Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseStrict(der);
        }
        catch (AsnContentException exception)
        {
            throw new MalformedCertificateException($"Certificate is not valid DER: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or FormatException
            or CryptographicException or InvalidOperationException)
        {
            throw new MalformedCertificateException($"Certificate is not valid DER: {exception.Message}", exception);
        }
    }

    internal static string SerialToHex(ReadOnlySpan<byte> serial)
    {
        var trimmed = serial.Length > 1 && serial[0] == 0 ? serial[1..] : serial;
        return Convert.ToHexString(trimmed);
    }

    private static DerCertificate ParseStrict(ReadOnlyMemory<byte> der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var certificate = reader.ReadSequence();
        reader.ThrowIfNotEmpty();

        var tbsEncoded = certificate.PeekEncodedValue();
        var tbs = certificate.ReadSequence();
        var outerAlgorithm = DerFields.ReadAlgorithm(certificate);
        var signature = certificate.ReadBitString(out var unusedBits);
        certificate.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new MalformedCertificateException("Certificate signature BIT STRING has unused bits.");
        }

        var version = 1;
        var versionTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.PeekTag().HasSameClassAndValue(versionTag))
        {
            var explicitVersion = tbs.ReadSequence(versionTag);
            if (!explicitVersion.TryReadInt32(out var versionValue) || versionValue is < 1 or > 2)
            {
                throw new MalformedCertificateException("Certificate version must be v2 or v3 when encoded (v1 is the DER default).");
            }

            explicitVersion.ThrowIfNotEmpty();
            version = versionValue + 1;
        }

        var serial = tbs.ReadIntegerBytes();
        if (serial.Length > 64)
        {
            throw new MalformedCertificateException($"Certificate serial number of {serial.Length} bytes is implausibly long.");
        }

        var innerAlgorithm = DerFields.ReadAlgorithm(tbs);
        if (!innerAlgorithm.Encoded.Span.SequenceEqual(outerAlgorithm.Encoded.Span))
        {
            throw new MalformedCertificateException("Certificate signature algorithm differs between tbsCertificate and the outer signatureAlgorithm.");
        }

        var issuer = DerFields.ReadName(tbs);
        var validity = tbs.ReadSequence();
        var notBefore = DerFields.ReadTime(validity);
        var notAfter = DerFields.ReadTime(validity);
        validity.ThrowIfNotEmpty();
        var subject = DerFields.ReadName(tbs);

        var spkiEncoded = tbs.PeekEncodedValue();
        var spki = tbs.ReadSequence();
        var keyAlgorithm = DerFields.ReadAlgorithm(spki);
        var publicKey = spki.ReadBitString(out var keyUnusedBits);
        spki.ThrowIfNotEmpty();
        if (keyUnusedBits != 0)
        {
            throw new MalformedCertificateException("Certificate public key BIT STRING has unused bits.");
        }

        var modulusBits = keyAlgorithm.Oid == Oids.RsaEncryption ? RsaModulusLength(publicKey) : 0;

        SkipUniqueIdentifier(tbs, 1, version);
        SkipUniqueIdentifier(tbs, 2, version);

        IReadOnlyList<CertificateExtension> extensions = [];
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            if (version != 3)
            {
                throw new MalformedCertificateException("Certificate has extensions but is not v3.");
            }

            var explicitExtensions = tbs.ReadSequence(extensionsTag);
            extensions = DerFields.ReadExtensions(explicitExtensions);
            explicitExtensions.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();

        var parsed = new ParsedExtensions(extensions);
        return new DerCertificate
        {
            Encoded = der,
            TbsCertificate = tbsEncoded,
            Version = version,
            SerialNumber = serial,
            SignatureAlgorithm = outerAlgorithm.Oid,
            SignatureAlgorithmParameters = outerAlgorithm.Parameters,
            IssuerName = issuer.Encoded,
            Issuer = issuer.Text,
            IssuerAttributes = issuer.Attributes,
            SubjectName = subject.Encoded,
            Subject = subject.Text,
            SubjectAttributes = subject.Attributes,
            NotBefore = notBefore,
            NotAfter = notAfter,
            SubjectPublicKeyInfo = spkiEncoded,
            RsaPublicKey = new RsaKeyPool(spkiEncoded),
            PublicKeyAlgorithm = keyAlgorithm.Oid,
            RsaModulusBits = modulusBits,
            Extensions = extensions,
            SignatureValue = signature,
            KeyUsage = parsed.KeyUsage,
            IsCertificateAuthority = parsed.IsCa,
            PathLengthConstraint = parsed.PathLength,
            PolicyOids = parsed.Policies,
            SubjectKeyIdentifier = parsed.SubjectKeyId,
            AuthorityKeyIdentifier = parsed.AuthorityKeyId,
            CrlDistributionPoints = parsed.DistributionPoints,
            SubjectAltNameOtherNameTypes = OtherNameTypes(extensions),
        };
    }

    /// <summary>
    /// subjectAltName GeneralNames: only the otherName type-ids, which decide whether the certificate names a
    /// person. Unreadable gives null (treated as naming one) rather than a malformed certificate: the SAN is
    /// not otherwise relied on, and refusing a certificate for it would hide a better reason.
    /// </summary>
    private static IReadOnlyList<string>? OtherNameTypes(IReadOnlyList<CertificateExtension> extensions)
    {
        var extension = extensions.FirstOrDefault(candidate => candidate.Oid == Oids.SubjectAltName);
        if (extension is null)
        {
            return [];
        }

        try
        {
            var reader = new AsnReader(extension.Value, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var types = new List<string>();
            var otherNameTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            while (names.HasData)
            {
                if (names.PeekTag() == otherNameTag)
                {
                    var otherName = names.ReadSequence(otherNameTag);
                    types.Add(otherName.ReadObjectIdentifier());
                    otherName.ReadEncodedValue();
                    otherName.ThrowIfNotEmpty();
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }

            return types;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static void SkipUniqueIdentifier(AsnReader tbs, int tagNumber, int version)
    {
        var tag = new Asn1Tag(TagClass.ContextSpecific, tagNumber);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(tag))
        {
            if (version == 1)
            {
                throw new MalformedCertificateException("Certificate v1 carries a unique identifier.");
            }

            tbs.ReadBitString(out _, tag);
        }
    }

    private static int RsaModulusLength(ReadOnlyMemory<byte> rsaPublicKey)
    {
        var reader = new AsnReader(rsaPublicKey, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var modulus = sequence.ReadIntegerBytes().Span;
        var exponent = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        if (modulus[0] >= 0x80 || exponent.Sign <= 0)
        {
            throw new MalformedCertificateException("RSA public key has a negative modulus or a non-positive exponent.");
        }

        if (modulus[0] == 0)
        {
            modulus = modulus[1..];
        }

        return modulus.IsEmpty ? 0 : ((modulus.Length - 1) * 8) + (32 - BitOperations.LeadingZeroCount((uint)modulus[0]));
    }

    /// <summary>The extensions the verifier relies on, decoded once.</summary>
    private sealed class ParsedExtensions
    {
        public ParsedExtensions(IReadOnlyList<CertificateExtension> extensions)
        {
            foreach (var extension in extensions)
            {
                switch (extension.Oid)
                {
                    case Oids.KeyUsage:
                        KeyUsage = ReadKeyUsage(extension.Value);
                        break;
                    case Oids.BasicConstraints:
                        ReadBasicConstraints(extension.Value);
                        break;
                    case Oids.CertificatePolicies:
                        Policies = ReadPolicies(extension.Value);
                        break;
                    case Oids.SubjectKeyIdentifier:
                        SubjectKeyId = ReadSubjectKeyId(extension.Value);
                        break;
                    case Oids.AuthorityKeyIdentifier:
                        AuthorityKeyId = ReadAuthorityKeyId(extension.Value);
                        break;
                    case Oids.CrlDistributionPoints:
                        DistributionPoints = GeneralNameReader.ReadDistributionPoints(extension.Value);
                        break;
                }
            }
        }

        public KeyUsageFlags? KeyUsage { get; }

        public bool IsCa { get; private set; }

        public int? PathLength { get; private set; }

        public IReadOnlyList<string> Policies { get; } = [];

        public ReadOnlyMemory<byte> SubjectKeyId { get; }

        public ReadOnlyMemory<byte> AuthorityKeyId { get; }

        public IReadOnlyList<DistributionPoint> DistributionPoints { get; } = [];

        private static KeyUsageFlags ReadKeyUsage(ReadOnlyMemory<byte> value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var bits = reader.ReadBitString(out var unusedBits);
            reader.ThrowIfNotEmpty();
            var flags = 0;
            for (var bit = 0; bit < (bits.Length * 8) - unusedBits && bit < 9; bit++)
            {
                if ((bits[bit / 8] & (0x80 >> (bit % 8))) != 0)
                {
                    flags |= 1 << bit;
                }
            }

            return (KeyUsageFlags)flags;
        }

        private static ReadOnlyMemory<byte> ReadSubjectKeyId(ReadOnlyMemory<byte> value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var keyId = reader.ReadOctetString();
            reader.ThrowIfNotEmpty();
            return keyId;
        }

        private static ReadOnlyMemory<byte> ReadAuthorityKeyId(ReadOnlyMemory<byte> value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var keyId = ReadOnlyMemory<byte>.Empty;
            var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(keyIdTag))
            {
                keyId = sequence.ReadOctetString(keyIdTag);
            }

            // authorityCertIssuer [1] and authorityCertSerialNumber [2] are not used for path building.
            var issuerTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(issuerTag))
            {
                sequence.ReadEncodedValue();
            }

            var serialTag = new Asn1Tag(TagClass.ContextSpecific, 2);
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(serialTag))
            {
                sequence.ReadIntegerBytes(serialTag);
            }

            sequence.ThrowIfNotEmpty();
            return keyId;
        }

        private static List<string> ReadPolicies(ReadOnlyMemory<byte> value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var policies = new List<string>();
            while (sequence.HasData)
            {
                var information = sequence.ReadSequence();
                policies.Add(information.ReadObjectIdentifier());
                if (information.HasData)
                {
                    information.ReadSequence(); // policyQualifiers: CPS URIs, user notices; not interpreted.
                }

                information.ThrowIfNotEmpty();
            }

            if (policies.Count == 0 || policies.Distinct(StringComparer.Ordinal).Count() != policies.Count)
            {
                throw new MalformedCertificateException("certificatePolicies is empty or repeats a policy.");
            }

            return policies;
        }

        private void ReadBasicConstraints(ReadOnlyMemory<byte> value)
        {
            var reader = new AsnReader(value, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                IsCa = sequence.ReadBoolean();
            }

            if (sequence.HasData)
            {
                if (!sequence.TryReadInt32(out var pathLength) || pathLength < 0)
                {
                    throw new MalformedCertificateException("basicConstraints pathLenConstraint is negative or too large.");
                }

                PathLength = pathLength;
            }

            sequence.ThrowIfNotEmpty();
        }
    }
}
