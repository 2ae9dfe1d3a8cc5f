using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki;

/// <summary>
/// Verifies a certificate for a purpose: path to a trust anchor, signatures, validity at a time,
/// CA constraints, key usage, policy, the JPKI or HPKI profile, revocation by CRL and the hcRole.
/// Never throws for bad input: every problem is a <see cref="VerificationFailure"/>.
/// </summary>
public sealed class CertificateVerifier
{
    // SHAPE ONLY: the pki helper fills this in.
    public CertificateVerifier(TrustStore trustStore, CrlStore crls, PkiOptions options, TimeProvider timeProvider)
    {
        _ = trustStore;
        _ = crls;
        _ = options;
        _ = timeProvider;
    }

    public VerificationResult Verify(ReadOnlyMemory<byte> der, CertificatePurpose purpose, VerificationOptions? options = null) =>
        throw new NotImplementedException();
}
