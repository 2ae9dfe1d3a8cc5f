namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// The CRLs of one issuer Name with one scope (<see cref="CertificateRevocationList.ScopeKey"/>): the newest
/// of them, and the newest per authority key identifier, so a CA re-keyed under the same name keeps its CRLs apart.
/// </summary>
internal sealed class CrlScopeGroup(CertificateRevocationList newest, Dictionary<string, CertificateRevocationList> newestByKey)
{
    public CertificateRevocationList Newest { get; } = newest;

    /// <summary>Key: AKI keyIdentifier hex.</summary>
    public Dictionary<string, CertificateRevocationList> NewestByKey { get; } = newestByKey;
}
