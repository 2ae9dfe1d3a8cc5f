using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki.Fetch;

/// <summary>What <see cref="CrlAcceptance"/> decided: write it (<see cref="Der"/>), leave it (unchanged), or refuse it and why.</summary>
internal sealed record CrlVerdict(CrlFetchOutcome Outcome, string Detail, CertificateRevocationList? Crl, byte[]? Der)
{
    public static CrlVerdict Accepted(CertificateRevocationList crl, byte[] der) => new(CrlFetchOutcome.Updated, string.Empty, crl, der);

    public static CrlVerdict Unchanged(CertificateRevocationList crl, string installedFile) => new(CrlFetchOutcome.Unchanged, $"the installed {installedFile} is this CRL", crl, null);

    public static CrlVerdict Refused(string why) => new(CrlFetchOutcome.Refused, why, null, null);
}
