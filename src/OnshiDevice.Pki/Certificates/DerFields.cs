using System.Formats.Asn1;
using System.Globalization;
using System.Text;

namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// Readers for the fields certificates and CRLs share (AlgorithmIdentifier, Name, Time, Extensions),
/// so both parsers apply exactly the same strictness.
/// </summary>
internal static class DerFields
{
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN",
        ["2.5.4.5"] = "serialNumber",
        ["2.5.4.6"] = "C",
        ["2.5.4.7"] = "L",
        ["2.5.4.8"] = "ST",
        ["2.5.4.9"] = "STREET",
        ["2.5.4.10"] = "O",
        ["2.5.4.11"] = "OU",
        ["2.5.4.12"] = "T",
        ["1.2.840.113549.1.9.1"] = "E",
        ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    /// <summary>AlgorithmIdentifier: the OID and the whole encoding (outer and inner must match byte for byte).</summary>
    public static (string Oid, ReadOnlyMemory<byte> Encoded, ReadOnlyMemory<byte> Parameters) ReadAlgorithm(AsnReader reader)
    {
        var encoded = reader.PeekEncodedValue();
        var sequence = reader.ReadSequence();
        var oid = sequence.ReadObjectIdentifier();
        var parameters = sequence.HasData ? sequence.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
        sequence.ThrowIfNotEmpty();
        return (oid, encoded, parameters);
    }

    /// <summary>Time ::= CHOICE { UTCTime, GeneralizedTime } (RFC 5280: UTCTime years 1950-2049).</summary>
    public static DateTimeOffset ReadTime(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.HasSameClassAndValue(Asn1Tag.UtcTime))
        {
            return reader.ReadUtcTime(2049);
        }

        if (tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime))
        {
            var time = reader.ReadGeneralizedTime();
            if (time.Ticks % TimeSpan.TicksPerSecond != 0)
            {
                throw new AsnContentException("GeneralizedTime with fractional seconds (RFC 5280 forbids them)");
            }

            return time;
        }

        throw new AsnContentException($"expected UTCTime or GeneralizedTime, found tag {tag}");
    }

    /// <summary>Name ::= RDNSequence; the raw DER, an RFC 4514 string (most specific first) and the attributes in encoding order.</summary>
    public static (ReadOnlyMemory<byte> Encoded, string Text, IReadOnlyList<NameAttribute> Attributes) ReadName(AsnReader reader)
    {
        var encoded = reader.PeekEncodedValue();
        var rdnSequence = reader.ReadSequence();
        var attributes = new List<NameAttribute>();
        var rdnIndex = 0;
        while (rdnSequence.HasData)
        {
            var rdn = rdnSequence.ReadSetOf();
            if (!rdn.HasData)
            {
                throw new AsnContentException("empty RelativeDistinguishedName");
            }

            while (rdn.HasData)
            {
                var typeAndValue = rdn.ReadSequence();
                var oid = typeAndValue.ReadObjectIdentifier();
                var value = ReadDirectoryValue(typeAndValue);
                typeAndValue.ThrowIfNotEmpty();
                attributes.Add(new NameAttribute(rdnIndex, oid, value));
            }

            rdnIndex++;
        }

        return (encoded, Format(attributes), attributes);
    }

    /// <summary>Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension; a repeated OID is malformed (RFC 5280 §4.2).</summary>
    public static IReadOnlyList<CertificateExtension> ReadExtensions(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var extensions = new List<CertificateExtension>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!sequence.HasData)
        {
            throw new AsnContentException("empty extensions");
        }

        while (sequence.HasData)
        {
            var extension = sequence.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            var critical = false;
            if (extension.HasData && extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                critical = extension.ReadBoolean();
            }

            var value = extension.ReadOctetString();
            extension.ThrowIfNotEmpty();
            if (!seen.Add(oid))
            {
                throw new AsnContentException($"extension {oid} appears twice");
            }

            extensions.Add(new CertificateExtension(oid, critical, value));
        }

        return extensions;
    }

    private static string ReadDirectoryValue(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                case UniversalTagNumber.PrintableString:
                case UniversalTagNumber.IA5String:
                case UniversalTagNumber.BMPString:
                case UniversalTagNumber.NumericString:
                case UniversalTagNumber.T61String:
                case UniversalTagNumber.VisibleString:
                    return reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            }
        }

        return "#" + Convert.ToHexString(reader.ReadEncodedValue().Span);
    }

    private static string Format(List<NameAttribute> attributes)
    {
        var text = new StringBuilder();
        for (var index = attributes.Count - 1; index >= 0; index--)
        {
            var attribute = attributes[index];
            if (text.Length > 0)
            {
                var separator = index + 1 < attributes.Count && attributes[index + 1].RdnIndex == attribute.RdnIndex ? "+" : ", ";
                text.Append(separator);
            }

            text.Append(ShortNames.TryGetValue(attribute.Oid, out var shortName) ? shortName : attribute.Oid);
            text.Append('=');
            AppendEscaped(text, attribute.Value);
        }

        return text.ToString();
    }

    private static void AppendEscaped(StringBuilder text, string value)
    {
        for (var index = 0; index < value.Length; index++)
        {
            var character = value[index];
            var special = character is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (index == 0 && character is ' ' or '#')
                || (index == value.Length - 1 && character == ' ');
            if (special)
            {
                text.Append('\\');
            }

            if (char.IsControl(character))
            {
                text.Append('\\').Append(((int)character).ToString("X2", CultureInfo.InvariantCulture));
                continue;
            }

            text.Append(character);
        }
    }
}
