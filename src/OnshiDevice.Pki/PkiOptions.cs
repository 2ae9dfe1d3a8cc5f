namespace OnshiDevice.Pki;

/// <summary>Configuration section "Pki": where trust comes from. Paths may be relative to the content root.</summary>
public sealed class PkiOptions
{
    public const string SectionName = "Pki";

    /// <summary>
    /// Folders of self-signed trust anchors (DER or PEM; .cer .crt .der .pem), one per purpose
    /// ("Pki:TrustAnchors:JpkiAuthentication" ...). A root anchors only the purposes whose folder holds it,
    /// so the JPKI signing root cannot anchor a patient's authentication certificate, nor the HPKI root a
    /// JPKI one. Two purposes may name the same folder (the MHLW HPKI root anchors both HPKI purposes).
    /// </summary>
    public Dictionary<CertificatePurpose, string> TrustAnchors { get; set; } = [];

    /// <summary>Folder of CA certificates that may complete a path (not trusted on their own).</summary>
    public string? Intermediates { get; set; }

    /// <summary>Folder of CRL files (DER or PEM; .crl .pem), one or more per issuing CA.</summary>
    public string? Crls { get; set; }

    /// <summary>How often the CRL folder is re-read in the background.</summary>
    public TimeSpan CrlRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Files larger than this are refused, so one bad file cannot take the memory.</summary>
    public long MaxCrlFileBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Extra end-entity policy OIDs accepted per purpose, e.g. the JPKI test-card policy
    /// 1.2.392.200149.8.5.1.0.20 in a test setup. Production OIDs are built in.
    /// </summary>
    public Dictionary<CertificatePurpose, string[]> AdditionalPolicies { get; set; } = [];

    /// <summary>Downloading CRLs from their distribution points ("Pki:CrlFetch"), by <c>onshi-device crl fetch</c> or in the background.</summary>
    public Fetch.CrlFetchOptions CrlFetch { get; set; } = new();
}
