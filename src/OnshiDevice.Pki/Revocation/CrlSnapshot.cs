namespace OnshiDevice.Pki.Revocation;

/// <summary>An immutable view of the CRL folder: swapped whole, so a lookup sees one consistent load.</summary>
internal sealed class CrlSnapshot
{
    public static readonly CrlSnapshot Empty = new([], [], [], null, TimeSpan.Zero);

    public CrlSnapshot(
        Dictionary<string, LoadedCrlFile> files,
        Dictionary<string, CertificateRevocationList> byIssuerAndKey,
        Dictionary<string, CertificateRevocationList> byIssuer,
        DateTimeOffset? loadedAt,
        TimeSpan loadDuration,
        IReadOnlyList<string>? errors = null)
    {
        Files = files;
        ByIssuerAndKey = byIssuerAndKey;
        ByIssuer = byIssuer;
        LoadedAt = loadedAt;
        LoadDuration = loadDuration;
        Errors = errors ?? [];
    }

    /// <summary>Per path: the parsed CRL and the file's size and time, so an unchanged file is not parsed again.</summary>
    public Dictionary<string, LoadedCrlFile> Files { get; }

    /// <summary>Key: issuer Name DER hex + "/" + AKI keyId hex: a CA re-keyed under the same name keeps two CRLs apart.</summary>
    public Dictionary<string, CertificateRevocationList> ByIssuerAndKey { get; }

    /// <summary>Key: issuer Name DER hex: the newest CRL of that name, for certificates without an AKI.</summary>
    public Dictionary<string, CertificateRevocationList> ByIssuer { get; }

    public DateTimeOffset? LoadedAt { get; }

    public TimeSpan LoadDuration { get; }

    public IReadOnlyList<string> Errors { get; }
}
