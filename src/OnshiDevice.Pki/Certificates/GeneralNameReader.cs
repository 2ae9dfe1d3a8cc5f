using System.Formats.Asn1;

namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// Strict readers for GeneralNames, DistributionPointName, ReasonFlags and cRLDistributionPoints
/// (RFC 5280 §4.2.1.6, §4.2.1.13), shared by the certificate parser (CRLDP) and the CRL parser
/// (issuingDistributionPoint, freshestCRL, issuerAltName). Any deviation raises <see cref="AsnContentException"/>
/// or <see cref="MalformedCertificateException"/>, which both parsers turn into "malformed".
/// </summary>
internal static class GeneralNameReader
{
    private static readonly Asn1Tag DistributionPointTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag FullNameTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag RelativeNameTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag ReasonsTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag CrlIssuerTag = new(TagClass.ContextSpecific, 2, isConstructed: true);
    private static readonly byte[] EmptyName = [0x30, 0x00];

    /// <summary>GeneralNames ::= SEQUENCE SIZE (1..MAX) OF DerGeneralName, under <paramref name="tag"/> (implicit) or as a SEQUENCE.</summary>
    public static IReadOnlyList<DerGeneralName> Read(AsnReader reader, Asn1Tag? tag = null)
    {
        var sequence = tag is { } implicitTag ? reader.ReadSequence(implicitTag) : reader.ReadSequence();
        var names = new List<DerGeneralName>();
        while (sequence.HasData)
        {
            names.Add(ReadOne(sequence));
        }

        return names.Count > 0 ? names : throw new MalformedCertificateException("GeneralNames is empty.");
    }

    /// <summary>An extension value that is exactly GeneralNames (issuerAltName, subjectAltName).</summary>
    public static IReadOnlyList<DerGeneralName> ReadExtension(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var names = Read(reader);
        reader.ThrowIfNotEmpty();
        return names;
    }

    /// <summary>CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint (also the syntax of freshestCRL).</summary>
    public static IReadOnlyList<DistributionPoint> ReadDistributionPoints(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var points = new List<DistributionPoint>();
        while (sequence.HasData)
        {
            var point = sequence.ReadSequence();
            DistributionPointName? name = null;
            if (point.HasData && point.PeekTag().HasSameClassAndValue(DistributionPointTag))
            {
                name = ReadDistributionPointName(point);
            }

            RevocationReasons? reasons = null;
            if (point.HasData && point.PeekTag().HasSameClassAndValue(ReasonsTag))
            {
                reasons = ReadReasons(point, ReasonsTag);
            }

            IReadOnlyList<DerGeneralName>? crlIssuer = null;
            if (point.HasData && point.PeekTag().HasSameClassAndValue(CrlIssuerTag))
            {
                crlIssuer = Read(point, CrlIssuerTag);
            }

            point.ThrowIfNotEmpty();
            if (name is null && crlIssuer is null)
            {
                throw new MalformedCertificateException("A DistributionPoint has neither a distributionPoint nor a cRLIssuer (RFC 5280 §4.2.1.13).");
            }

            points.Add(new DistributionPoint(name, reasons, crlIssuer));
        }

        return points.Count > 0 ? points : throw new MalformedCertificateException("cRLDistributionPoints is empty.");
    }

    /// <summary>distributionPoint [0] EXPLICIT DistributionPointName (a CHOICE, so the tag is explicit).</summary>
    public static DistributionPointName ReadDistributionPointName(AsnReader reader)
    {
        var choice = reader.ReadSequence(DistributionPointTag);
        DistributionPointName name;
        if (choice.PeekTag().HasSameClassAndValue(FullNameTag))
        {
            name = DistributionPointName.Full(Read(choice, FullNameTag));
        }
        else if (choice.PeekTag().HasSameClassAndValue(RelativeNameTag))
        {
            var encoded = choice.PeekEncodedValue();
            var rdn = choice.ReadSetOf(RelativeNameTag);
            if (!rdn.HasData)
            {
                throw new MalformedCertificateException("nameRelativeToCRLIssuer is empty.");
            }

            while (rdn.HasData)
            {
                var attribute = rdn.ReadSequence();
                attribute.ReadObjectIdentifier();
                attribute.ReadEncodedValue();
                attribute.ThrowIfNotEmpty();
            }

            // The same content under the universal SET tag is the RelativeDistinguishedName as a Name holds it;
            // reading it as a one-RDN Name now checks its values, so resolving it later cannot fail.
            var set = encoded.ToArray();
            set[0] = 0x31;
            AppendRelativeName(EmptyName, set);
            name = DistributionPointName.Relative(set);
        }
        else
        {
            throw new MalformedCertificateException($"DistributionPointName has the unknown choice {choice.PeekTag()}.");
        }

        choice.ThrowIfNotEmpty();
        return name;
    }

    /// <summary>ReasonFlags ::= BIT STRING, under an implicit tag.</summary>
    public static RevocationReasons ReadReasons(AsnReader reader, Asn1Tag tag)
    {
        var bits = reader.ReadBitString(out var unusedBits, tag);
        var flags = 0;
        for (var bit = 0; bit < (bits.Length * 8) - unusedBits; bit++)
        {
            if ((bits[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                if (bit > 8)
                {
                    throw new MalformedCertificateException($"ReasonFlags has the undefined bit {bit}.");
                }

                flags |= 1 << bit;
            }
        }

        return (RevocationReasons)flags;
    }

    /// <summary>The Name <paramref name="nameDer"/> with the RelativeDistinguishedName <paramref name="relativeName"/> (SET DER) appended.</summary>
    public static DerGeneralName AppendRelativeName(ReadOnlyMemory<byte> nameDer, ReadOnlyMemory<byte> relativeName)
    {
        var reader = new AsnReader(nameDer, AsnEncodingRules.DER);
        var rdns = reader.ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            while (rdns.HasData)
            {
                writer.WriteEncodedValue(rdns.ReadEncodedValue().Span);
            }

            writer.WriteEncodedValue(relativeName.Span);
        }

        var full = writer.Encode();
        var parsed = DerFields.ReadName(new AsnReader(full, AsnEncodingRules.DER));
        return DerGeneralName.Directory(full, parsed.Text);
    }

    private static DerGeneralName ReadOne(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > (int)GeneralNameKind.RegisteredId)
        {
            throw new MalformedCertificateException($"DerGeneralName has the unknown tag {tag}.");
        }

        var kind = (GeneralNameKind)tag.TagValue;
        switch (kind)
        {
            case GeneralNameKind.DirectoryName:
                var explicitName = reader.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true));
                var name = DerFields.ReadName(explicitName);
                explicitName.ThrowIfNotEmpty();
                return DerGeneralName.Directory(name.Encoded.ToArray(), name.Text);
            case GeneralNameKind.Rfc822Name or GeneralNameKind.DnsName or GeneralNameKind.Uri:
                var text = reader.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue));
                if (text.AsSpan().ContainsAnyExceptInRange((byte)0x00, (byte)0x7F))
                {
                    throw new MalformedCertificateException($"A {kind} DerGeneralName is not IA5String.");
                }

                return DerGeneralName.Other(kind, text);
            case GeneralNameKind.IpAddress:
                return DerGeneralName.Other(kind, reader.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue)));
            case GeneralNameKind.RegisteredId:
                var oid = reader.PeekEncodedValue();
                reader.ReadObjectIdentifier(new Asn1Tag(TagClass.ContextSpecific, tag.TagValue));
                return DerGeneralName.Other(kind, oid.ToArray());
            default:
                // otherName, x400Address, ediPartyName: constructed; compared by their whole encoding.
                if (!tag.IsConstructed)
                {
                    throw new MalformedCertificateException($"A {kind} DerGeneralName must be constructed.");
                }

                return DerGeneralName.Other(kind, reader.ReadEncodedValue().ToArray());
        }
    }
}
