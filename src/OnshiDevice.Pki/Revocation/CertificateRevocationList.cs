using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// An X.509 v2 CRL (RFC 5280 §5) parsed strictly: the header with AsnReader, the revoked entries with a
/// bounds-checked hand-rolled walk into a <see cref="RevokedSerialTable"/>. The to-be-signed bytes are not
/// kept: their digest is taken while parsing, so a million-entry CRL costs only its table in memory and its
/// signature can still be checked later against whichever CA certificate claims it.
/// </summary>
public sealed class CertificateRevocationList
{
    private readonly RevokedSerialTable _revoked;
    private readonly byte[] _tbsDigest;
    private readonly ConcurrentDictionary<string, bool> _signatureChecks = new(StringComparer.Ordinal);

    private CertificateRevocationList(RevokedSerialTable revoked, byte[] tbsDigest)
    {
        _revoked = revoked;
        _tbsDigest = tbsDigest;
    }

    public string SignatureAlgorithm { get; private init; } = string.Empty;

    /// <summary>Issuer Name, DER (matched byte for byte against a certificate's issuer).</summary>
    public ReadOnlyMemory<byte> IssuerName { get; private init; }

    public string Issuer { get; private init; } = string.Empty;

    public DateTimeOffset ThisUpdate { get; private init; }

    public DateTimeOffset? NextUpdate { get; private init; }

    /// <summary>cRLNumber; null when absent.</summary>
    public BigInteger? CrlNumber { get; private init; }

    /// <summary>authorityKeyIdentifier keyIdentifier; empty when absent.</summary>
    public ReadOnlyMemory<byte> AuthorityKeyIdentifier { get; private init; }

    public ReadOnlyMemory<byte> SignatureValue { get; private init; }

    /// <summary>Why this CRL must not be used although it parsed (e.g. an unknown critical extension); null when usable.</summary>
    public string? Problem { get; private init; }

    /// <summary>deltaCRLIndicator's BaseCRLNumber; null for a complete CRL. A delta CRL is never used as a complete one.</summary>
    public BigInteger? DeltaBaseCrlNumber { get; private init; }

    /// <summary>The issuingDistributionPoint; null when absent (the CRL then covers every certificate of its issuer).</summary>
    internal IssuingDistributionPoint? IssuingDistributionPoint { get; private init; }

    /// <summary>True when an entry carries certificateIssuer: the CRL lists other issuers' certificates (an indirect CRL).</summary>
    internal bool HasCertificateIssuerEntries { get; private init; }

    /// <summary>
    /// What the store keeps one newest CRL of per issuer: the issuingDistributionPoint as encoded (empty when
    /// absent) and whether it is a delta, so a root's ARL and its RARL, or a CRL and its delta, never displace each other.
    /// </summary>
    internal string ScopeKey { get; private init; } = string.Empty;

    public int Count => _revoked.Count;

    /// <summary>Bytes the revoked-serial table holds.</summary>
    public long MemoryBytes => _revoked.MemoryBytes;

    /// <summary>Whether <paramref name="serial"/> (INTEGER content octets, as in the certificate) is listed.</summary>
    public bool TryGetRevocation(ReadOnlySpan<byte> serial, out DateTimeOffset revokedAt, out int? reasonCode) =>
        _revoked.TryFind(serial, out revokedAt, out reasonCode);

    /// <summary>
    /// True when the CRL's signature verifies with <paramref name="issuer"/>'s RSA key (PKCS#1 v1.5, SHA-256/384/512).
    /// Cached per CA key, because lookups repeat and a CRL outlives many verifications.
    /// </summary>
    public bool IsSignedBy(DerCertificate issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var key = Convert.ToBase64String(SHA256.HashData(issuer.SubjectPublicKeyInfo.Span));
        return _signatureChecks.GetOrAdd(key, _ => Signatures.VerifyHash(issuer, SignatureAlgorithm, _tbsDigest, SignatureValue.Span));
    }

    /// <summary>Parses a DER CRL; malformed input raises <see cref="MalformedCertificateException"/>.</summary>
    public static CertificateRevocationList Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return ParseStrict(der);
        }
        catch (AsnContentException exception)
        {
            throw new MalformedCertificateException($"CRL is not valid DER: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or FormatException
            or CryptographicException or InvalidOperationException)
        {
            throw new MalformedCertificateException($"CRL is not valid DER: {exception.Message}", exception);
        }
    }

    private static CertificateRevocationList ParseStrict(ReadOnlyMemory<byte> der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var certificateList = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var tbsEncoded = certificateList.PeekEncodedValue();
        var tbs = certificateList.ReadSequence();
        var outerAlgorithm = DerFields.ReadAlgorithm(certificateList);
        var signature = certificateList.ReadBitString(out var unusedBits);
        certificateList.ThrowIfNotEmpty();
        if (unusedBits != 0)
        {
            throw new MalformedCertificateException("CRL signature BIT STRING has unused bits.");
        }

        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            if (!tbs.TryReadInt32(out var version) || version != 1)
            {
                throw new MalformedCertificateException("CRL version must be v2 when encoded.");
            }
        }

        var innerAlgorithm = DerFields.ReadAlgorithm(tbs);
        if (!innerAlgorithm.Encoded.Span.SequenceEqual(outerAlgorithm.Encoded.Span))
        {
            throw new MalformedCertificateException("CRL signature algorithm differs between tbsCertList and the outer signatureAlgorithm.");
        }

        var issuer = DerFields.ReadName(tbs);
        var thisUpdate = DerFields.ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            nextUpdate = DerFields.ReadTime(tbs);
        }

        string? problem = null;
        var certificateIssuerEntries = false;
        var builder = new RevokedSerialTable.Builder(0);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var revokedEncoded = tbs.ReadEncodedValue();
            builder = new RevokedSerialTable.Builder(revokedEncoded.Length);
            (problem, certificateIssuerEntries) = ReadRevokedEntries(revokedEncoded.Span, builder);
        }

        BigInteger? crlNumber = null;
        BigInteger? deltaBase = null;
        IssuingDistributionPoint? distributionPoint = null;
        var scopeKey = string.Empty;
        var authorityKeyId = ReadOnlyMemory<byte>.Empty;
        var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
        {
            var explicitExtensions = tbs.ReadSequence(extensionsTag);
            foreach (var extension in DerFields.ReadExtensions(explicitExtensions))
            {
                switch (extension.Oid)
                {
                    case Oids.CrlNumber:
                        crlNumber = ReadCrlNumber(extension.Value, "cRLNumber");
                        break;
                    case Oids.DeltaCrlIndicator:
                        deltaBase = ReadCrlNumber(extension.Value, "deltaCRLIndicator");
                        break;
                    case Oids.IssuingDistributionPoint:
                        distributionPoint = IssuingDistributionPoint.Parse(extension.Value);
                        scopeKey = Convert.ToHexString(extension.Value.Span);
                        if (distributionPoint.Problem is not null)
                        {
                            problem ??= $"CRL is unusable: {distributionPoint.Problem}.";
                        }

                        break;
                    case Oids.AuthorityKeyIdentifier:
                        authorityKeyId = ReadAuthorityKeyId(extension.Value);
                        break;
                    case Oids.IssuerAltName:
                        GeneralNameReader.ReadExtension(extension.Value);
                        break;
                    case Oids.FreshestCrl:
                        // Where delta CRLs are: read for syntax only, since only complete CRLs are used.
                        GeneralNameReader.ReadDistributionPoints(extension.Value);
                        break;
                    default:
                        if (extension.Critical)
                        {
                            problem ??= $"CRL has the unknown critical extension {extension.Oid}.";
                        }

                        break;
                }
            }

            explicitExtensions.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();

        var digest = Signatures.HashFor(outerAlgorithm.Oid) is { } hash
            ? CryptographicOperations.HashData(hash, tbsEncoded.Span)
            : [];
        return new CertificateRevocationList(builder.Build(), digest)
        {
            SignatureAlgorithm = outerAlgorithm.Oid,
            IssuerName = issuer.Encoded.ToArray(),
            Issuer = issuer.Text,
            ThisUpdate = thisUpdate,
            NextUpdate = nextUpdate,
            CrlNumber = crlNumber,
            DeltaBaseCrlNumber = deltaBase,
            IssuingDistributionPoint = distributionPoint,
            HasCertificateIssuerEntries = certificateIssuerEntries,
            ScopeKey = deltaBase is null ? scopeKey : scopeKey + "/delta",
            AuthorityKeyIdentifier = authorityKeyId.ToArray(),
            SignatureValue = signature,
            Problem = problem,
        };
    }

    /// <summary>
    /// revokedCertificates: SEQUENCE OF SEQUENCE { INTEGER, Time, Extensions OPTIONAL }; returns a problem or null,
    /// and whether an entry names another certificate issuer.
    /// </summary>
    private static (string? Problem, bool CertificateIssuer) ReadRevokedEntries(ReadOnlySpan<byte> encoded, RevokedSerialTable.Builder builder)
    {
        string? problem = null;
        var certificateIssuer = false;
        var outer = new DerWalker(encoded);
        var entries = new DerWalker(outer.Read(0x30));
        if (!entries.HasData)
        {
            throw DerWalker.Malformed("revokedCertificates is present but empty");
        }

        while (entries.HasData)
        {
            var entry = new DerWalker(entries.Read(0x30));
            var serial = entry.Read(0x02);
            if (serial.Length > 1 && ((serial[0] == 0 && serial[1] < 0x80) || (serial[0] == 0xFF && serial[1] >= 0x80)))
            {
                throw DerWalker.Malformed("revoked serial INTEGER not minimally encoded");
            }

            var timeTag = entry.PeekTag();
            var revokedAt = ParseTime(timeTag, entry.Read(timeTag), "revocationDate");
            int? reason = null;
            if (entry.HasData)
            {
                var extensions = new DerWalker(entry.Read(0x30));
                if (!extensions.HasData)
                {
                    throw DerWalker.Malformed("crlEntryExtensions is present but empty");
                }

                while (extensions.HasData)
                {
                    var extension = new DerWalker(extensions.Read(0x30));
                    var oid = extension.Read(0x06);
                    var critical = false;
                    if (extension.PeekTag() == 0x01)
                    {
                        var boolean = extension.Read(0x01);
                        critical = boolean is [0xFF] ? true : boolean is [0x00] ? false : throw DerWalker.Malformed("BOOLEAN is not DER");
                    }

                    var value = extension.Read(0x04);
                    if (extension.HasData)
                    {
                        throw DerWalker.Malformed("trailing data in a CRL entry extension");
                    }

                    if (oid.SequenceEqual("\x55\x1D\x15"u8))
                    {
                        reason = ReadReasonCode(value);
                    }
                    else if (oid.SequenceEqual("\x55\x1D\x18"u8))
                    {
                        // invalidityDate ::= GeneralizedTime: informational (revocationDate decides), read for syntax.
                        var date = new DerWalker(value);
                        ParseTime(0x18, date.Read(0x18), "invalidityDate");
                        if (date.HasData)
                        {
                            throw DerWalker.Malformed("trailing data in invalidityDate");
                        }
                    }
                    else if (oid.SequenceEqual("\x55\x1D\x1D"u8))
                    {
                        // certificateIssuer: from here on the entries belong to another CA. Indirect CRLs are not
                        // used, so the whole CRL covers no certificate (whether or not it is marked critical).
                        certificateIssuer = true;
                    }
                    else if (critical)
                    {
                        problem ??= "CRL has an entry with an unknown critical extension.";
                    }
                }
            }

            if (entry.HasData)
            {
                throw DerWalker.Malformed("trailing data in a revoked entry");
            }

            builder.Add(serial, revokedAt, reason);
        }

        return (problem, certificateIssuer);
    }

    /// <summary>CRLReason ::= ENUMERATED { 0..10 except 7 } (RFC 5280 §5.3.1).</summary>
    private static int ReadReasonCode(ReadOnlySpan<byte> value)
    {
        var enumerated = new DerWalker(value);
        var code = enumerated.Read(0x0A);
        if (enumerated.HasData || code.Length != 1 || code[0] is 7 or > 10)
        {
            throw DerWalker.Malformed("reasonCode is not a defined CRLReason");
        }

        return code[0];
    }

    /// <summary>UTCTime YYMMDDHHMMSSZ (1950-2049) or GeneralizedTime YYYYMMDDHHMMSSZ, to Unix seconds.</summary>
    private static long ParseTime(byte tag, ReadOnlySpan<byte> text, string field)
    {
        int year;
        ReadOnlySpan<byte> rest;
        if (tag == 0x17 && text.Length == 13)
        {
            year = Digits(text[..2]);
            year += year < 50 ? 2000 : 1900;
            rest = text[2..];
        }
        else if (tag == 0x18 && text.Length == 15)
        {
            year = Digits(text[..4]);
            rest = text[4..];
        }
        else
        {
            throw DerWalker.Malformed($"{field} is not a DER UTCTime or GeneralizedTime");
        }

        if (rest[^1] != (byte)'Z')
        {
            throw DerWalker.Malformed($"{field} does not end in Z");
        }

        var month = Digits(rest[..2]);
        var day = Digits(rest[2..4]);
        var hour = Digits(rest[4..6]);
        var minute = Digits(rest[6..8]);
        var second = Digits(rest[8..10]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            throw DerWalker.Malformed($"{field} is not a real time");
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();
    }

    private static int Digits(ReadOnlySpan<byte> text)
    {
        var value = 0;
        foreach (var character in text)
        {
            if (character is < (byte)'0' or > (byte)'9')
            {
                throw DerWalker.Malformed("time has a non-digit");
            }

            value = (value * 10) + (character - '0');
        }

        return value;
    }

    /// <summary>cRLNumber and deltaCRLIndicator's BaseCRLNumber: INTEGER (0..MAX), at most 20 octets (RFC 5280 §5.2.3).</summary>
    private static BigInteger ReadCrlNumber(ReadOnlyMemory<byte> value, string field)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var number = reader.ReadIntegerBytes();
        reader.ThrowIfNotEmpty();
        var parsed = new BigInteger(number.Span, isUnsigned: false, isBigEndian: true);
        return parsed.Sign >= 0 && number.Length <= 21
            ? parsed
            : throw new MalformedCertificateException($"CRL {field} is negative or longer than 20 octets.");
    }

    /// <summary>AuthorityKeyIdentifier: keyIdentifier [0], authorityCertIssuer [1], authorityCertSerialNumber [2], each optional.</summary>
    private static ReadOnlyMemory<byte> ReadAuthorityKeyId(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
        var keyId = sequence.HasData && sequence.PeekTag().HasSameClassAndValue(keyIdTag)
            ? sequence.ReadOctetString(keyIdTag)
            : ReadOnlyMemory<byte>.Empty;
        var issuerTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(issuerTag))
        {
            GeneralNameReader.Read(sequence, issuerTag);
        }

        var serialTag = new Asn1Tag(TagClass.ContextSpecific, 2);
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(serialTag))
        {
            sequence.ReadIntegerBytes(serialTag);
        }

        sequence.ThrowIfNotEmpty();
        return keyId;
    }
}
