namespace OnshiDevice.Pki.Revocation;

/// <summary>An immutable view of the CRL folder: swapped whole, so a lookup sees one consistent load.</summary>
internal sealed class CrlSnapshot
{
    public static readonly CrlSnapshot Empty = new([], [], null, TimeSpan.Zero);

    public CrlSnapshot(
        Dictionary<string, LoadedCrlFile> files,
        Dictionary<string, CrlScopeGroup[]> byIssuer,
        DateTimeOffset? loadedAt,
        TimeSpan loadDuration,
        IReadOnlyList<string>? errors = null)
    {
        Files = files;
        ByIssuer = byIssuer;
        LoadedAt = loadedAt;
        LoadDuration = loadDuration;
        Errors = errors ?? [];
    }

    /// <summary>Per path: the parsed CRL and the file's size and time, so an unchanged file is not parsed again.</summary>
    public Dictionary<string, LoadedCrlFile> Files { get; }

    /// <summary>
    /// Key: issuer Name DER hex. One group per scope (a root's ARL and its RARL, a CA's CRL and its delta),
    /// each keeping the newest CRL overall and per AKI.
    /// </summary>
    public Dictionary<string, CrlScopeGroup[]> ByIssuer { get; }

    public DateTimeOffset? LoadedAt { get; }

    public TimeSpan LoadDuration { get; }

    public IReadOnlyList<string> Errors { get; }
}
