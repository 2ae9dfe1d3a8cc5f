using Grpc.Core;
using Microsoft.Extensions.Logging;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Pki;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.Service.Certificates;

/// <summary>
/// Certificates.Verify: offline verification against the configured trust anchors and CRLs.
/// A certificate that fails is an answer, not an error; only a bad request is an RPC error.
/// </summary>
public sealed partial class CertificatesService : Contracts.V1.Certificates.CertificatesBase
{
    private readonly CertificateVerifier _verifier;
    private readonly ILogger<CertificatesService> _logger;

    public CertificatesService(CertificateVerifier verifier, ILogger<CertificatesService> logger)
    {
        _verifier = verifier;
        _logger = logger;
    }

    public override Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var der = RequestValidator.CertificateDer(request.Der, "der");
        var purpose = RequestValidator.CertificatePurposeOf(request.Purpose);
        var options = new VerificationOptions
        {
            At = RequestValidator.OptionalTime(request.At, "at"),
            Intermediates = RequestValidator.Intermediates(request.Intermediates),
            AllowedHcRoles = RequestValidator.HcRoles(request.AllowedHcRoles),
        };

        // Verification is bounded CPU work (a path of at most a few certificates, hash lookups in the CRLs),
        // so it runs inline; a call already past its deadline or cancelled does not start.
        context.CancellationToken.ThrowIfCancellationRequested();
        var result = _verifier.Verify(der, VerificationMapping.ToDomain(purpose), options);
        LogVerified(purpose, result.IsValid, result.Failures.Count, result.Revocation);
        return Task.FromResult(VerificationMapping.ToContract(result));
    }

    // Only the outcome is logged: a certificate may name its holder.
    [LoggerMessage(Level = LogLevel.Information, Message = "Verified a certificate for {Purpose}: valid {Valid}, {FailureCount} failed checks, revocation {Revocation}")]
    private partial void LogVerified(Contracts.V1.CertificatePurpose purpose, bool valid, int failureCount, OnshiDevice.Pki.Revocation.RevocationStatus revocation);
}
