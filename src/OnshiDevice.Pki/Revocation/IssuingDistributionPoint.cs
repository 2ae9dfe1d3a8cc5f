using System.Formats.Asn1;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// A CRL's issuingDistributionPoint (RFC 5280 §5.2.5): which distribution point the CRL is, and which
/// certificates and reasons it covers. <see cref="Problem"/> says why the extension itself is unusable.
/// </summary>
internal sealed class IssuingDistributionPoint
{
    private static readonly Asn1Tag OnlyUserTag = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag OnlyCaTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag OnlySomeReasonsTag = new(TagClass.ContextSpecific, 3);
    private static readonly Asn1Tag IndirectTag = new(TagClass.ContextSpecific, 4);
    private static readonly Asn1Tag OnlyAttributeTag = new(TagClass.ContextSpecific, 5);

    private IssuingDistributionPoint()
    {
    }

    public DistributionPointName? Name { get; private init; }

    public bool OnlyContainsUserCerts { get; private init; }

    public bool OnlyContainsCaCerts { get; private init; }

    public RevocationReasons? OnlySomeReasons { get; private init; }

    public bool IndirectCrl { get; private init; }

    public bool OnlyContainsAttributeCerts { get; private init; }

    /// <summary>Why the extension is not a usable scope (RFC 5280: empty, or more than one "only" flag); null when usable.</summary>
    public string? Problem { get; private init; }

    /// <summary>
    /// Parses the extension value. A DEFAULT FALSE written out is read like an absent one (as OpenSSL does);
    /// any other deviation from the syntax raises <see cref="MalformedCertificateException"/> or <see cref="AsnContentException"/>.
    /// </summary>
    public static IssuingDistributionPoint Parse(ReadOnlyMemory<byte> value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var empty = !sequence.HasData;
        DistributionPointName? name = null;
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            name = GeneralNameReader.ReadDistributionPointName(sequence);
        }

        var onlyUser = ReadFlag(sequence, OnlyUserTag);
        var onlyCa = ReadFlag(sequence, OnlyCaTag);
        RevocationReasons? reasons = sequence.HasData && sequence.PeekTag().HasSameClassAndValue(OnlySomeReasonsTag)
            ? GeneralNameReader.ReadReasons(sequence, OnlySomeReasonsTag)
            : null;
        var indirect = ReadFlag(sequence, IndirectTag);
        var onlyAttribute = ReadFlag(sequence, OnlyAttributeTag);
        sequence.ThrowIfNotEmpty();

        string? problem = null;
        if (empty)
        {
            problem = "its issuingDistributionPoint is an empty SEQUENCE (RFC 5280 §5.2.5 forbids it)";
        }
        else if ((onlyUser ? 1 : 0) + (onlyCa ? 1 : 0) + (onlyAttribute ? 1 : 0) > 1)
        {
            problem = "its issuingDistributionPoint sets more than one of onlyContainsUserCerts, onlyContainsCACerts and onlyContainsAttributeCerts";
        }

        return new IssuingDistributionPoint
        {
            Name = name,
            OnlyContainsUserCerts = onlyUser,
            OnlyContainsCaCerts = onlyCa,
            OnlySomeReasons = reasons,
            IndirectCrl = indirect,
            OnlyContainsAttributeCerts = onlyAttribute,
            Problem = problem,
        };
    }

    private static bool ReadFlag(AsnReader sequence, Asn1Tag tag) =>
        sequence.HasData && sequence.PeekTag().HasSameClassAndValue(tag) && sequence.ReadBoolean(tag);
}
