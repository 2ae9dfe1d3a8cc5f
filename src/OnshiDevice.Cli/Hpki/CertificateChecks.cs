using System.Globalization;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// Turns one Certificates.Verify answer into checklist items: each item gathers the failure reasons
/// of one concern (chain, validity, revocation, role, policy, key usage) and says what to do about them.
/// </summary>
internal static class CertificateChecks
{
    private static readonly CheckGroup[] Groups =
    [
        new("chain", "chains to a trusted HPKI root",
            [VerificationFailureReason.Malformed, VerificationFailureReason.UnknownCriticalExtension, VerificationFailureReason.NoPathToTrustAnchor,
             VerificationFailureReason.SignatureInvalid, VerificationFailureReason.IssuerNotCa]),
        new("validity", "is within its validity period", [VerificationFailureReason.NotYetValid, VerificationFailureReason.Expired]),
        new("revocation", "is not revoked",
            [VerificationFailureReason.Revoked, VerificationFailureReason.CrlMissing, VerificationFailureReason.CrlStale, VerificationFailureReason.CrlInvalid]),
        new("role", "carries an accepted hcRole",
            [VerificationFailureReason.HcRoleMissing, VerificationFailureReason.HcRoleMalformed, VerificationFailureReason.HcRoleNotAllowed]),
        new("policy", "asserts the HPKI policy and profile", [VerificationFailureReason.PolicyMismatch, VerificationFailureReason.ProfileMismatch]),
        new("key-usage", "has the key usage its purpose needs", [VerificationFailureReason.KeyUsageMismatch]),
    ];

    public static IEnumerable<ChecklistItem> Items(string certificateId, string certificateName, VerifyResponse response)
    {
        foreach (var group in Groups)
        {
            var id = $"{certificateId}-{group.Id}";
            var title = $"{certificateName} {group.Title}";
            var failures = response.Failures.Where(failure => group.Reasons.Contains(failure.Reason)).ToList();
            if (failures.Count == 0 && !(group.Id == "revocation" && response.Revocation != RevocationStatus.Good))
            {
                yield return ChecklistItem.Pass(id, title, PassDetail(group.Id, certificateId, response));
                continue;
            }

            if (failures.Count == 0 && response.Revocation == RevocationStatus.NotChecked)
            {
                yield return ChecklistItem.Fail(id, title, "not checked: the certificate's chain is not trusted, so its CRLs cannot vouch for it",
                    "Fix the failed items above first; revocation is checked once the chain holds.");
                continue;
            }

            var detail = failures.Count == 0
                ? $"revocation status {ContractNames.ShortName(response.Revocation)}"
                : string.Join("; ", failures.Select(failure => $"{failure.Detail} [{ContractNames.ShortName(failure.Reason)}]"));
            var advice = string.Join(" ", failures.Select(failure => failure.Reason).Distinct().Select(Advice));
            yield return ChecklistItem.Fail(id, title, detail, advice.Length > 0 ? advice : Advice(VerificationFailureReason.CrlMissing));
        }
    }

    /// <summary>What a doctor (or the clinic's IT) should do about a failed check.</summary>
    public static string Advice(VerificationFailureReason reason) => reason switch
    {
        VerificationFailureReason.Malformed or VerificationFailureReason.SignatureInvalid or VerificationFailureReason.UnknownCriticalExtension =>
            "The certificate on the card is damaged or not an HPKI certificate: contact the issuing certification authority (日本医師会認証局 for a 医師資格証).",
        VerificationFailureReason.NoPathToTrustAnchor or VerificationFailureReason.IssuerNotCa =>
            "Clinic IT: install the MHLW HPKI root in the service's HPKI trust anchor folders (Pki:TrustAnchors:HpkiSigning and :HpkiAuthentication) and the HPKI CA certificates in Pki:Intermediates, then run the check again.",
        VerificationFailureReason.Expired =>
            "The certificate has expired: apply to the issuing certification authority for a renewed card (証明書の更新).",
        VerificationFailureReason.NotYetValid =>
            "The certificate is not valid yet: check the PC's date and time; if they are right, wait until the start date printed above.",
        VerificationFailureReason.Revoked =>
            "The certificate has been revoked: do not use this card; contact the issuing certification authority for a new one.",
        VerificationFailureReason.CrlMissing =>
            "Clinic IT: put the current CRL of this certificate's CA into the service's CRL folder (Pki:Crls), and for a CA certificate the MHLW root's authority revocation list (sarl2.crl); revocation cannot be checked without them.",
        VerificationFailureReason.CrlStale =>
            "Clinic IT: the CRL in the service's CRL folder is out of date: download the current one from the CA's repository.",
        VerificationFailureReason.CrlInvalid =>
            "Clinic IT: the CRL file in the service's CRL folder is damaged or not from this CA: download it again from the CA's repository.",
        VerificationFailureReason.HcRoleMissing or VerificationFailureReason.HcRoleMalformed =>
            "The certificate does not state a usable healthcare role: contact the issuing certification authority.",
        VerificationFailureReason.HcRoleNotAllowed =>
            "This card's role cannot sign here: electronic prescriptions need a doctor's or dentist's card (use --role to check for another role, e.g. --role Pharmacist at a pharmacy).",
        VerificationFailureReason.PolicyMismatch or VerificationFailureReason.ProfileMismatch or VerificationFailureReason.KeyUsageMismatch =>
            "This is not an HPKI certificate for this purpose: make sure the card is a 医師資格証 / HPKI card and contact its issuer.",
        _ => "Contact the issuing certification authority.",
    };

    private static string PassDetail(string groupId, string certificateId, VerifyResponse response)
    {
        var signing = certificateId.StartsWith("signing", StringComparison.Ordinal);
        var anchor = response.Path.Count > 1 ? response.Path[^1].Subject : "the trust anchor";
        var certificate = response.Path.Count > 0 ? response.Path[0] : null;
        return groupId switch
        {
            "chain" => $"{response.Path.Count - 1} CA certificate(s) up to {anchor}",
            "validity" => certificate is null
                ? "valid"
                : string.Create(CultureInfo.InvariantCulture, $"valid until {certificate.NotAfter.ToDateTimeOffset():yyyy-MM-dd}"),
            "revocation" => "every CRL on the path is current and lists none of them",
            "role" => response.HcRole.Length > 0 ? $"hcRole \"{response.HcRole}\"" : "no role required",
            "policy" => signing
                ? "HPKI signing policy 1.2.392.100495.1.5.1.1.0.1, RSA 2048 or more, SHA-256 or stronger"
                : "HPKI authentication policy 1.2.392.100495.1.5.1.2.0.1, RSA 2048 or more, SHA-256 or stronger",
            "key-usage" => signing ? "nonRepudiation, marked critical" : "digitalSignature",
            _ => "as required",
        };
    }

    private sealed record CheckGroup(string Id, string Title, VerificationFailureReason[] Reasons);
}
