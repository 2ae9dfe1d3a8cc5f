namespace OnshiDevice.Pki.Certificates;

/// <summary>
/// DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RelativeDistinguishedName }.
/// Exactly one of <see cref="FullName"/> and <see cref="RelativeName"/> is set.
/// </summary>
internal sealed class DistributionPointName
{
    private DistributionPointName(IReadOnlyList<DerGeneralName>? fullName, ReadOnlyMemory<byte> relativeName)
    {
        FullName = fullName;
        RelativeName = relativeName;
    }

    public IReadOnlyList<DerGeneralName>? FullName { get; }

    /// <summary>The RelativeDistinguishedName (SET) DER; empty when the name is a fullName.</summary>
    public ReadOnlyMemory<byte> RelativeName { get; }

    public static DistributionPointName Full(IReadOnlyList<DerGeneralName> names) => new(names, ReadOnlyMemory<byte>.Empty);

    public static DistributionPointName Relative(ReadOnlyMemory<byte> relativeDistinguishedName) => new(null, relativeDistinguishedName);

    /// <summary>
    /// The full names: a relative name is appended to <paramref name="crlIssuerName"/> (Name DER), as RFC 5280
    /// §4.2.1.13 defines it, giving one directoryName.
    /// </summary>
    public IReadOnlyList<DerGeneralName> Resolve(ReadOnlyMemory<byte> crlIssuerName)
    {
        if (FullName is not null)
        {
            return FullName;
        }

        var full = GeneralNameReader.AppendRelativeName(crlIssuerName, RelativeName);
        return [full];
    }
}
