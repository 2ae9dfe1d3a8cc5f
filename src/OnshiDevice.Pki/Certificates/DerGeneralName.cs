using System.Text;

namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// One DerGeneralName as encoded: a directoryName holds the Name DER (the SEQUENCE inside the explicit tag),
/// every other kind its content octets. Two names match when kind and bytes are equal, which for a
/// directoryName is a byte-for-byte Name comparison (as path building compares names) and for a URI an
/// exact, case-sensitive comparison.
/// </summary>
internal sealed class DerGeneralName(GeneralNameKind kind, ReadOnlyMemory<byte> value, string text)
{
    public GeneralNameKind Kind { get; } = kind;

    public ReadOnlyMemory<byte> Value { get; } = value;

    /// <summary>For people: "DirName:C=JP, ...", "URI:http://...", or the kind and hex.</summary>
    public string Text { get; } = text;

    public static DerGeneralName Directory(ReadOnlyMemory<byte> nameDer, string nameText) => new(GeneralNameKind.DirectoryName, nameDer, "DirName:" + nameText);

    public static DerGeneralName Other(GeneralNameKind kind, ReadOnlyMemory<byte> content) => kind switch
    {
        GeneralNameKind.Uri or GeneralNameKind.DnsName or GeneralNameKind.Rfc822Name =>
            new(kind, content, (kind == GeneralNameKind.Uri ? "URI:" : kind == GeneralNameKind.DnsName ? "DNS:" : "email:") + Encoding.ASCII.GetString(content.Span)),
        _ => new(kind, content, kind + ":" + Convert.ToHexString(content.Span)),
    };

    public bool Matches(DerGeneralName other) => Kind == other.Kind && Value.Span.SequenceEqual(other.Value.Span);

    public override string ToString() => Text;
}
