using Google.Protobuf.WellKnownTypes;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Certificates;
using ContractPurpose = OnshiDevice.Contracts.V1.CertificatePurpose;
using ContractRevocation = OnshiDevice.Contracts.V1.RevocationStatus;
using DomainRevocation = OnshiDevice.Pki.Revocation.RevocationStatus;

namespace OnshiDevice.Service.Certificates;

/// <summary>Between the PKI layer's verdict and the contract's. Inputs are validated before they get here.</summary>
internal static class VerificationMapping
{
    public static ContractPurpose ToContract(CertificatePurpose purpose) => purpose switch
    {
        CertificatePurpose.JpkiAuthentication => ContractPurpose.JpkiAuthentication,
        CertificatePurpose.JpkiSigning => ContractPurpose.JpkiSigning,
        CertificatePurpose.HpkiSigning => ContractPurpose.HpkiSigning,
        CertificatePurpose.HpkiAuthentication => ContractPurpose.HpkiAuthentication,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a certificate purpose."),
    };

    public static CertificatePurpose ToDomain(ContractPurpose purpose) => purpose switch
    {
        ContractPurpose.JpkiAuthentication => CertificatePurpose.JpkiAuthentication,
        ContractPurpose.JpkiSigning => CertificatePurpose.JpkiSigning,
        ContractPurpose.HpkiSigning => CertificatePurpose.HpkiSigning,
        ContractPurpose.HpkiAuthentication => CertificatePurpose.HpkiAuthentication,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unvalidated purpose."),
    };

    public static Contracts.V1.VerifyResponse ToContract(VerificationResult result)
    {
        var response = new Contracts.V1.VerifyResponse
        {
            Valid = result.IsValid,
            Revocation = ToContract(result.Revocation),
            HcRole = result.HcRole?.Text ?? string.Empty,
            VerifiedAt = Timestamp.FromDateTimeOffset(result.VerifiedAt),
        };
        foreach (var failure in result.Failures)
        {
            response.Failures.Add(new Contracts.V1.VerificationFailure
            {
                Reason = ToContract(failure.Reason),
                Detail = failure.Detail,
                ChainIndex = failure.ChainIndex,
            });
        }

        foreach (var certificate in result.Path)
        {
            response.Path.Add(Summary(certificate));
        }

        return response;
    }

    public static Contracts.V1.VerificationFailureReason ToContract(FailureReason reason) => reason switch
    {
        FailureReason.Malformed => Contracts.V1.VerificationFailureReason.Malformed,
        FailureReason.UnknownCriticalExtension => Contracts.V1.VerificationFailureReason.UnknownCriticalExtension,
        FailureReason.NoPathToTrustAnchor => Contracts.V1.VerificationFailureReason.NoPathToTrustAnchor,
        FailureReason.SignatureInvalid => Contracts.V1.VerificationFailureReason.SignatureInvalid,
        FailureReason.NotYetValid => Contracts.V1.VerificationFailureReason.NotYetValid,
        FailureReason.Expired => Contracts.V1.VerificationFailureReason.Expired,
        FailureReason.IssuerNotCa => Contracts.V1.VerificationFailureReason.IssuerNotCa,
        FailureReason.KeyUsageMismatch => Contracts.V1.VerificationFailureReason.KeyUsageMismatch,
        FailureReason.PolicyMismatch => Contracts.V1.VerificationFailureReason.PolicyMismatch,
        FailureReason.ProfileMismatch => Contracts.V1.VerificationFailureReason.ProfileMismatch,
        FailureReason.Revoked => Contracts.V1.VerificationFailureReason.Revoked,
        FailureReason.CrlMissing => Contracts.V1.VerificationFailureReason.CrlMissing,
        FailureReason.CrlStale => Contracts.V1.VerificationFailureReason.CrlStale,
        FailureReason.CrlInvalid => Contracts.V1.VerificationFailureReason.CrlInvalid,
        FailureReason.HcRoleMissing => Contracts.V1.VerificationFailureReason.HcRoleMissing,
        FailureReason.HcRoleMalformed => Contracts.V1.VerificationFailureReason.HcRoleMalformed,
        FailureReason.HcRoleNotAllowed => Contracts.V1.VerificationFailureReason.HcRoleNotAllowed,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unmapped failure reason."),
    };

    private static ContractRevocation ToContract(DomainRevocation status) => status switch
    {
        DomainRevocation.Good => ContractRevocation.Good,
        DomainRevocation.Revoked => ContractRevocation.Revoked,
        DomainRevocation.Unknown => ContractRevocation.Unknown,
        DomainRevocation.NotChecked => ContractRevocation.NotChecked,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unmapped revocation status."),
    };

    // Whether a subject may be shown is the PKI layer's rule (PersonalSubject), decided by the certificate's content.
    private static Contracts.V1.CertificateSummary Summary(DerCertificate certificate)
    {
        var shown = PersonalSubject.Shown(certificate);
        return new Contracts.V1.CertificateSummary
        {
            Subject = shown ?? string.Empty,
            SubjectWithheld = shown is null,
            Issuer = certificate.Issuer,
            SerialNumber = certificate.SerialNumberHex,
            NotBefore = Timestamp.FromDateTimeOffset(certificate.NotBefore),
            NotAfter = Timestamp.FromDateTimeOffset(certificate.NotAfter),
        };
    }
}
