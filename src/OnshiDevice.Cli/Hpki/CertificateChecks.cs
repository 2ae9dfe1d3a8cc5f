using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// Turns the two certificates' verification into the short checklist's items: certificates (read, and a path to
/// the HPKI root with the right profile), validity, revocation and role. Each item gathers the failure reasons
/// of its concern over both certificates and says what to do; the X.509 detail goes to the particulars.
/// </summary>
internal sealed class CertificateChecks
{
    private static readonly VerificationFailureReason[] DamagedReasons =
        [VerificationFailureReason.Malformed, VerificationFailureReason.SignatureInvalid, VerificationFailureReason.UnknownCriticalExtension];

    private static readonly VerificationFailureReason[] ChainReasons = [VerificationFailureReason.NoPathToTrustAnchor, VerificationFailureReason.IssuerNotCa];

    private static readonly VerificationFailureReason[] PurposeReasons =
        [VerificationFailureReason.PolicyMismatch, VerificationFailureReason.ProfileMismatch, VerificationFailureReason.KeyUsageMismatch];

    private static readonly VerificationFailureReason[] ValidityReasons = [VerificationFailureReason.NotYetValid, VerificationFailureReason.Expired];

    private static readonly VerificationFailureReason[] RevocationReasons =
        [VerificationFailureReason.Revoked, VerificationFailureReason.CrlMissing, VerificationFailureReason.CrlStale, VerificationFailureReason.CrlInvalid];

    private static readonly VerificationFailureReason[] RoleReasons =
        [VerificationFailureReason.HcRoleMissing, VerificationFailureReason.HcRoleMalformed, VerificationFailureReason.HcRoleNotAllowed];

    private const string CertificatePoliciesOid = "2.5.29.32";

    private readonly IReadOnlyList<CertificateResult> _results;
    private readonly IReadOnlyList<string> _allowedRoles;
    private readonly Func<DateTimeOffset, string> _time;

    public CertificateChecks(IReadOnlyList<CertificateResult> results, IReadOnlyList<string> allowedRoles, Func<DateTimeOffset, string> time)
    {
        _results = results;
        _allowedRoles = allowedRoles;
        _time = time;
    }

    private IEnumerable<CertificateResult> Verified => _results.Where(result => result.Verdict is not null);

    public IEnumerable<ChecklistItem> Items()
    {
        yield return Certificates();
        yield return Validity();
        yield return Revocation();
        yield return Role();
    }

    /// <summary>What a doctor (or the clinic's IT) should do about a failed check.</summary>
    public static string Advice(VerificationFailureReason reason) => reason switch
    {
        VerificationFailureReason.Malformed or VerificationFailureReason.SignatureInvalid or VerificationFailureReason.UnknownCriticalExtension => HpkiChecklist.AdviceDamaged,
        VerificationFailureReason.NoPathToTrustAnchor or VerificationFailureReason.IssuerNotCa => HpkiChecklist.AdviceNoTrust,
        VerificationFailureReason.Expired => HpkiChecklist.AdviceExpired,
        VerificationFailureReason.NotYetValid => HpkiChecklist.AdviceNotYetValid,
        VerificationFailureReason.Revoked => HpkiChecklist.AdviceRevoked,
        VerificationFailureReason.CrlMissing => HpkiChecklist.AdviceCrlMissing,
        VerificationFailureReason.CrlStale => HpkiChecklist.AdviceCrlStale,
        VerificationFailureReason.CrlInvalid => HpkiChecklist.AdviceCrlInvalid,
        VerificationFailureReason.HcRoleMissing or VerificationFailureReason.HcRoleMalformed => HpkiChecklist.AdviceRoleMissing,
        VerificationFailureReason.HcRoleNotAllowed => HpkiChecklist.AdviceRoleNotAllowed,
        VerificationFailureReason.PolicyMismatch or VerificationFailureReason.ProfileMismatch or VerificationFailureReason.KeyUsageMismatch => HpkiChecklist.AdvicePurpose,
        _ => HpkiChecklist.AdviceContactIssuer,
    };

    /// <summary>A known hcRole in the user's words ("Medical Doctor": 医師); any other as the card states it.</summary>
    public static string RoleName(string hcRole) => hcRole switch
    {
        "Medical Doctor" => HpkiChecklist.RoleMedicalDoctor,
        "Dentist" => HpkiChecklist.RoleDentist,
        "Pharmacist" => HpkiChecklist.RolePharmacist,
        _ => hcRole,
    };

    private ChecklistItem Certificates()
    {
        var problems = new List<string>();
        var advice = new List<string>();
        foreach (var result in _results)
        {
            if (result.NotRead is not null)
            {
                problems.Add(Text.Format(HpkiChecklist.CertificateNotRead, result.Name, result.NotRead));
                advice.Add(HpkiChecklist.ReadAdvice);
            }
            else if (result.NotVerified is not null)
            {
                problems.Add(Text.Format(HpkiChecklist.CertificateNotVerified, result.Name, result.NotVerified));
                advice.Add(HpkiChecklist.VerifyServiceAdvice);
            }
            else if (result.Verdict is { } verdict)
            {
                foreach (var (reasons, problem) in new[] { (DamagedReasons, HpkiChecklist.ProblemDamaged), (ChainReasons, HpkiChecklist.ProblemChain), (PurposeReasons, HpkiChecklist.ProblemPurpose) })
                {
                    var found = FailuresOf(verdict, reasons).Select(failure => failure.Reason).Distinct().ToList();
                    if (found.Count > 0)
                    {
                        problems.Add($"{Text.Format(HpkiChecklist.CertificateProblem, result.Name, problem)} {Reasons(found)}");
                        advice.AddRange(found.Select(Advice));
                    }
                }
            }
        }

        var item = problems.Count == 0
            ? ChecklistItem.Pass("certificates", HpkiChecklist.TitleCertificates, HpkiChecklist.CertificatesPass)
            : Failed("certificates", HpkiChecklist.TitleCertificates, problems, advice);
        return item with { Particulars = X509Particulars().Concat(ServiceDetail([.. DamagedReasons, .. ChainReasons, .. PurposeReasons])).ToList() };
    }

    private ChecklistItem Validity()
    {
        const string Id = "validity";
        if (!Verified.Any())
        {
            return ChecklistItem.Fail(Id, HpkiChecklist.TitleValidity, HpkiChecklist.NothingVerified, HpkiChecklist.FixAboveAdvice);
        }

        var problems = new List<string>();
        var advice = new List<string>();
        foreach (var result in Verified)
        {
            foreach (var failure in FailuresOf(result.Verdict!, ValidityReasons))
            {
                var certificate = failure.ChainIndex >= 0 && failure.ChainIndex < result.Verdict!.Path.Count ? result.Verdict.Path[failure.ChainIndex] : null;
                var text = failure.Reason == VerificationFailureReason.Expired
                    ? Text.Format(HpkiChecklist.Expired, result.Name, certificate is null ? "?" : _time(certificate.NotAfter.ToDateTimeOffset()))
                    : Text.Format(HpkiChecklist.NotYetValid, result.Name, certificate is null ? "?" : _time(certificate.NotBefore.ToDateTimeOffset()));
                problems.Add($"{text} {Reasons([failure.Reason])}");
                advice.Add(Advice(failure.Reason));
            }
        }

        if (problems.Count > 0)
        {
            return Failed(Id, HpkiChecklist.TitleValidity, problems, advice) with { Particulars = ServiceDetail(ValidityReasons).ToList() };
        }

        // The end-entity certificates' end dates: the card needs renewing at the earlier one.
        var ends = Verified.Where(result => result.Verdict!.Path.Count > 0).Select(result => result.Verdict!.Path[0].NotAfter.ToDateTimeOffset()).ToList();
        var detail = ends.Count == 0 ? HpkiChecklist.NothingVerified
            : ends.Count == 2 && ends[0] != ends[1] ? Text.Format(HpkiChecklist.ValidUntilEach, _time(ends[0]), _time(ends[1]))
            : Text.Format(HpkiChecklist.ValidUntil, _time(ends.Min()));
        return ChecklistItem.Pass(Id, HpkiChecklist.TitleValidity, detail);
    }

    private ChecklistItem Revocation()
    {
        const string Id = "revocation";
        if (!Verified.Any())
        {
            return ChecklistItem.Fail(Id, HpkiChecklist.TitleRevocation, HpkiChecklist.NothingVerified, HpkiChecklist.FixAboveAdvice);
        }

        var problems = new List<string>();
        var advice = new List<string>();
        foreach (var result in Verified)
        {
            var verdict = result.Verdict!;
            var failures = FailuresOf(verdict, RevocationReasons).Select(failure => failure.Reason).Distinct().ToList();
            foreach (var reason in failures)
            {
                var text = reason switch
                {
                    VerificationFailureReason.Revoked => HpkiChecklist.Revoked,
                    VerificationFailureReason.CrlMissing => HpkiChecklist.CrlMissing,
                    VerificationFailureReason.CrlStale => HpkiChecklist.CrlStale,
                    _ => HpkiChecklist.CrlInvalid,
                };
                problems.Add($"{Text.Format(text, result.Name)} {Reasons([reason])}");
                advice.Add(Advice(reason));
            }

            if (failures.Count == 0 && verdict.Revocation == RevocationStatus.NotChecked)
            {
                problems.Add(Text.Format(HpkiChecklist.RevocationNotChecked, result.Name));
                advice.Add(HpkiChecklist.RevocationNotCheckedAdvice);
            }
            else if (failures.Count == 0 && verdict.Revocation != RevocationStatus.Good)
            {
                problems.Add(Text.Format(HpkiChecklist.RevocationStatus, result.Name, ContractNames.ShortName(verdict.Revocation)));
                advice.Add(Advice(VerificationFailureReason.CrlMissing));
            }
        }

        return (problems.Count == 0
            ? ChecklistItem.Pass(Id, HpkiChecklist.TitleRevocation, HpkiChecklist.RevocationPass)
            : Failed(Id, HpkiChecklist.TitleRevocation, problems, advice)) with { Particulars = ServiceDetail(RevocationReasons).ToList() };
    }

    private ChecklistItem Role()
    {
        const string Id = "role";
        if (!Verified.Any())
        {
            return ChecklistItem.Fail(Id, HpkiChecklist.TitleRole, HpkiChecklist.NothingVerified, HpkiChecklist.FixAboveAdvice);
        }

        var problems = new List<string>();
        var advice = new List<string>();
        foreach (var result in Verified)
        {
            foreach (var reason in FailuresOf(result.Verdict!, RoleReasons).Select(failure => failure.Reason).Distinct())
            {
                var text = reason == VerificationFailureReason.HcRoleNotAllowed
                    ? Text.Format(HpkiChecklist.RoleNotAllowed, result.Name, RoleName(result.Verdict!.HcRole), string.Join(", ", _allowedRoles.Select(RoleName)))
                    : Text.Format(HpkiChecklist.RoleMissing, result.Name);
                problems.Add($"{text} {Reasons([reason])}");
                advice.Add(Advice(reason));
            }
        }

        if (problems.Count > 0)
        {
            return Failed(Id, HpkiChecklist.TitleRole, problems, advice) with { Particulars = ServiceDetail(RoleReasons).ToList() };
        }

        var role = Verified.Select(result => result.Verdict!.HcRole).FirstOrDefault(hcRole => hcRole.Length > 0);
        return ChecklistItem.Pass(Id, HpkiChecklist.TitleRole, role is null ? HpkiChecklist.RoleNotRequired : Text.Format(HpkiChecklist.RolePass, RoleName(role), role));
    }

    private static ChecklistItem Failed(string id, string title, List<string> problems, List<string> advice) =>
        ChecklistItem.Fail(id, title, string.Join("; ", problems), string.Join(" ", advice.Distinct()));

    private static IEnumerable<VerificationFailure> FailuresOf(VerifyResponse verdict, VerificationFailureReason[] reasons) =>
        verdict.Failures.Where(failure => reasons.Contains(failure.Reason));

    // Reasons appear by their contract short names, as scripts and the docs spell them: [REVOKED].
    private static string Reasons(IEnumerable<VerificationFailureReason> reasons) => string.Join(" ", reasons.Select(reason => $"[{ContractNames.ShortName(reason)}]"));

    /// <summary>The service's own words about the failures of these reasons (English, as it sends them).</summary>
    private IEnumerable<string> ServiceDetail(VerificationFailureReason[] reasons) =>
        Verified.SelectMany(result => FailuresOf(result.Verdict!, reasons).Select(failure =>
            $"{result.Name}: {Text.Format(HpkiChecklist.DetailFailure, failure.ChainIndex, ContractNames.ShortName(failure.Reason), failure.Detail)}"));

    private IEnumerable<string> X509Particulars()
    {
        foreach (var result in _results.Where(result => result.Der is not null))
        {
            yield return Text.Format(HpkiChecklist.DetailCertificate, result.Name, result.Der!.Length);
            if (Policies(result.Der) is { Count: > 0 } policies)
            {
                yield return "  " + Text.Format(HpkiChecklist.DetailPolicies, string.Join(", ", policies));
            }

            if (result.Verdict is not { } verdict)
            {
                continue;
            }

            for (var index = 0; index < verdict.Path.Count; index++)
            {
                var certificate = verdict.Path[index];
                yield return "  " + Text.Format(HpkiChecklist.DetailPathElement, index, Text.Format(HpkiChecklist.DetailSubject, certificate.SubjectWithheld ? HpkiChecklist.DetailSubjectWithheld : certificate.Subject));
                yield return "      " + Text.Format(HpkiChecklist.DetailIssuer, certificate.Issuer);
                yield return "      " + Text.Format(HpkiChecklist.DetailSerial, certificate.SerialNumber);
                yield return "      " + Text.Format(HpkiChecklist.DetailValidity, _time(certificate.NotBefore.ToDateTimeOffset()), _time(certificate.NotAfter.ToDateTimeOffset()));
            }
        }
    }

    /// <summary>The policy OIDs the certificate asserts; none when it does not parse (the service's verdict says why).</summary>
    private static List<string> Policies(byte[] der)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var extension = certificate.Extensions[CertificatePoliciesOid];
            if (extension is null)
            {
                return [];
            }

            var policies = new List<string>();
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                policies.Add(sequence.ReadSequence().ReadObjectIdentifier());
            }

            return policies;
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException)
        {
            return [];
        }
    }
}
