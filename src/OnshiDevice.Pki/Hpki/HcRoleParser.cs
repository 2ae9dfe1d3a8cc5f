using System.Formats.Asn1;

namespace OnshiDevice.Pki.Hpki;

/// <summary>Parses the hcRole out of a SubjectDirectoryAttributes extension value (reference A.2.3).</summary>
/// <remarks>
/// SubjectDirectoryAttributes ::= SEQUENCE OF Attribute; the hcRole Attribute's values are
/// SET OF HCActorData, HCActorData ::= SET OF HCActor, HCActor ::= SEQUENCE { [0] EXPLICIT CodedData, [1] ... OPTIONAL },
/// CodedData ::= SET { [0] EXPLICIT OID, [1] EXPLICIT NumericString OPTIONAL, [2] EXPLICIT DirectoryString }.
/// One hcRole per certificate (JAHIS 5.1.2): the first HCActor is the role.
/// </remarks>
public static class HcRoleParser
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag Context2 = new(TagClass.ContextSpecific, 2, isConstructed: true);

    /// <summary>
    /// The hcRole in <paramref name="subjectDirectoryAttributes"/> (the extnValue content), or null when the
    /// extension holds no hcRole attribute. Malformed input raises <see cref="HcRoleFormatException"/>.
    /// </summary>
    public static HcRole? Parse(ReadOnlySpan<byte> subjectDirectoryAttributes)
    {
        try
        {
            return ParseStrict(subjectDirectoryAttributes.ToArray());
        }
        catch (AsnContentException exception)
        {
            throw new HcRoleFormatException($"SubjectDirectoryAttributes is not valid DER: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is ArgumentException or OverflowException or FormatException
            or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            throw new HcRoleFormatException($"SubjectDirectoryAttributes is not valid DER: {exception.Message}", exception);
        }
    }

    private static HcRole? ParseStrict(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var attributes = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        if (!attributes.HasData)
        {
            throw new HcRoleFormatException("SubjectDirectoryAttributes holds no attribute.");
        }

        HcRole? role = null;
        while (attributes.HasData)
        {
            var attribute = attributes.ReadSequence();
            var type = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf();
            attribute.ThrowIfNotEmpty();
            if (!values.HasData)
            {
                throw new HcRoleFormatException($"Attribute {type} has no value.");
            }

            if (type != HcRole.AttributeOid)
            {
                continue;
            }

            if (role is not null)
            {
                throw new HcRoleFormatException("SubjectDirectoryAttributes holds the hcRole attribute twice.");
            }

            role = ReadActorData(values);
        }

        return role;
    }

    private static HcRole ReadActorData(AsnReader values)
    {
        HcRole? first = null;
        while (values.HasData)
        {
            var actorData = values.ReadSetOf();
            if (!actorData.HasData)
            {
                throw new HcRoleFormatException("HCActorData is empty.");
            }

            while (actorData.HasData)
            {
                var actor = ReadActor(actorData.ReadSequence());
                first ??= actor;
            }
        }

        return first ?? throw new HcRoleFormatException("hcRole holds no HCActor.");
    }

    private static HcRole ReadActor(AsnReader actor)
    {
        var codedDataExplicit = actor.ReadSequence(Context0);
        // CodedData is a SET (not SET OF): DER orders its members by tag, [0] < [1] < [2].
        var codedData = codedDataExplicit.ReadSetOf(skipSortOrderValidation: true);
        codedDataExplicit.ThrowIfNotEmpty();
        if (actor.HasData)
        {
            actor.ReadSequence(Context1); // regionalHCActorData: "Do not use", skipped but must be well-formed.
        }

        actor.ThrowIfNotEmpty();

        var schemeExplicit = codedData.ReadSequence(Context0);
        var scheme = schemeExplicit.ReadObjectIdentifier();
        schemeExplicit.ThrowIfNotEmpty();
        if (codedData.HasData && codedData.PeekTag().HasSameClassAndValue(Context1))
        {
            var codeExplicit = codedData.ReadSequence(Context1);
            codeExplicit.ReadCharacterString(UniversalTagNumber.NumericString);
            codeExplicit.ThrowIfNotEmpty();
        }

        var textExplicit = codedData.ReadSequence(Context2);
        var text = ReadDirectoryString(textExplicit);
        textExplicit.ThrowIfNotEmpty();
        codedData.ThrowIfNotEmpty();
        if (text.Length == 0)
        {
            throw new HcRoleFormatException("hcRole codeDataFreeText is empty.");
        }

        return new HcRole(scheme, text);
    }

    private static string ReadDirectoryString(AsnReader reader)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass == TagClass.Universal && !tag.IsConstructed)
        {
            switch ((UniversalTagNumber)tag.TagValue)
            {
                case UniversalTagNumber.UTF8String:
                case UniversalTagNumber.PrintableString:
                case UniversalTagNumber.BMPString:
                case UniversalTagNumber.T61String:
                    return reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            }
        }

        throw new HcRoleFormatException($"codeDataFreeText is not a DirectoryString (tag {tag}).");
    }
}
