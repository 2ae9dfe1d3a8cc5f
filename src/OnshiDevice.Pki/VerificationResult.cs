using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Hpki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki;

/// <summary>
/// Every failed check (empty when the certificate is good for the purpose), the path found
/// (index 0 = the certificate, last = the trust anchor; just the certificate when none was found,
/// empty when it did not parse), the revocation verdict and the hcRole when present.
/// </summary>
public sealed record VerificationResult(
    CertificatePurpose Purpose,
    DateTimeOffset VerifiedAt,
    IReadOnlyList<VerificationFailure> Failures,
    IReadOnlyList<DerCertificate> Path,
    RevocationStatus Revocation,
    HcRole? HcRole)
{
    public bool IsValid => Failures.Count == 0;

    public bool Has(FailureReason reason) => Failures.Any(failure => failure.Reason == reason);
}
