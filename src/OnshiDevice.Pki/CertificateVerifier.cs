using System.Collections.Concurrent;
using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Hpki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki;

/// <summary>
/// Verifies a certificate for a purpose: path to a trust anchor, signatures, validity at a time,
/// CA constraints, key usage, policy, the JPKI or HPKI profile, revocation by CRL and the hcRole.
/// Never throws for bad input: every problem is a <see cref="VerificationFailure"/>, and every check
/// that still makes sense runs after a failure, so the caller learns all that is wrong at once.
/// </summary>
public sealed class CertificateVerifier
{
    /// <summary>At most this many CA certificates above the end entity (the real hierarchies use one or two).</summary>
    public const int MaxPathDepth = 6;

    /// <summary>Bounds path search over hostile offered intermediates (many certificates sharing one name).</summary>
    private const int MaxSearchSteps = 256;

    private static readonly HashSet<string> KnownExtensions = new(StringComparer.Ordinal)
    {
        Oids.KeyUsage,
        Oids.BasicConstraints,
        Oids.CertificatePolicies,
        Oids.SubjectKeyIdentifier,
        Oids.AuthorityKeyIdentifier,
        Oids.SubjectAltName,
        Oids.IssuerAltName,
        Oids.CrlDistributionPoints,
        Oids.SubjectDirectoryAttributes,
        Oids.ExtendedKeyUsage,
        Oids.PolicyConstraints,
    };

    // A failure of these leaves the path itself untrusted: its CRLs are not consulted (revocation NOT_CHECKED).
    private static readonly HashSet<FailureReason> UntrustedPath =
    [
        FailureReason.Malformed,
        FailureReason.UnknownCriticalExtension,
        FailureReason.NoPathToTrustAnchor,
        FailureReason.SignatureInvalid,
        FailureReason.NotYetValid,
        FailureReason.Expired,
        FailureReason.IssuerNotCa,
    ];

    private readonly TrustStore _trustStore;
    private readonly CrlStore _crls;
    private readonly PkiOptions _options;
    private readonly TimeProvider _timeProvider;

    // Signatures between trust-store certificates (a CA under its root) never change: verified once.
    private readonly HashSet<DerCertificate> _storeCertificates;
    private readonly ConcurrentDictionary<(DerCertificate Subject, DerCertificate Issuer), bool> _storeSignatures = new();

    public CertificateVerifier(TrustStore trustStore, CrlStore crls, PkiOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        ArgumentNullException.ThrowIfNull(crls);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _trustStore = trustStore;
        _crls = crls;
        _options = options;
        _timeProvider = timeProvider;
        _storeCertificates = new HashSet<DerCertificate>(trustStore.Anchors.Concat(trustStore.Intermediates), ReferenceEqualityComparer.Instance);
    }

    /// <summary>
    /// Every failed check of <paramref name="der"/> for <paramref name="purpose"/> at <see cref="VerificationOptions.At"/>
    /// (default: now). Never throws for any bytes; only an undefined <paramref name="purpose"/> value is an argument error.
    /// </summary>
    public VerificationResult Verify(ReadOnlyMemory<byte> der, CertificatePurpose purpose, VerificationOptions? options = null)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a certificate purpose.");
        }

        options ??= VerificationOptions.Default;
        var at = options.At ?? _timeProvider.GetUtcNow();
        var failures = new List<VerificationFailure>();

        DerCertificate certificate;
        try
        {
            certificate = DerCertificate.Parse(der.ToArray());
        }
        catch (MalformedCertificateException exception)
        {
            failures.Add(new VerificationFailure(FailureReason.Malformed, exception.Message));
            return new VerificationResult(purpose, at, failures, [], RevocationStatus.NotChecked, null);
        }

        var signatures = new Dictionary<(DerCertificate Subject, DerCertificate Issuer), bool>();
        var path = BuildPath(certificate, purpose, options, failures, signatures);
        var hasPath = path is not null;
        path ??= [certificate];

        for (var index = 0; index < path.Count; index++)
        {
            CheckCriticalExtensions(path[index], index, failures);
            CheckValidity(path[index], index, at, failures);
            CheckProfileAlgorithms(path[index], index, failures);
            if (index > 0)
            {
                CheckCa(path[index], index, failures);
            }

            if (index + 1 < path.Count && !SignatureValid(path[index], path[index + 1], signatures))
            {
                failures.Add(new VerificationFailure(FailureReason.SignatureInvalid, SignatureDetail(path[index], path[index + 1]), index));
            }
        }

        CheckEndEntity(certificate, purpose, failures);
        var role = PurposeRules.IsHpki(purpose) ? CheckHcRole(certificate, options, failures) : TryReadRole(certificate);
        var revocation = hasPath && !failures.Any(failure => UntrustedPath.Contains(failure.Reason))
            ? CheckRevocation(path, at, failures)
            : RevocationStatus.NotChecked;
        return new VerificationResult(purpose, at, failures, path, revocation, role);
    }

    /// <summary>
    /// Depth-first from the certificate through offered and stored CA certificates to an anchor of the purpose,
    /// matching issuer to subject by Name DER (and AKI to SKI when both exist); every CA between must be one
    /// the purpose accepts (<see cref="PurposeRules.MayIssueFor"/>). The first path whose signatures all verify
    /// wins; otherwise the first complete path (its bad signature is then reported).
    /// </summary>
    private List<DerCertificate>? BuildPath(
        DerCertificate certificate,
        CertificatePurpose purpose,
        VerificationOptions options,
        List<VerificationFailure> failures,
        Dictionary<(DerCertificate Subject, DerCertificate Issuer), bool> signatures)
    {
        var offered = new List<DerCertificate>();
        foreach (var encoded in options.Intermediates)
        {
            try
            {
                offered.Add(DerCertificate.Parse(encoded.ToArray()));
            }
            catch (MalformedCertificateException)
            {
                // An unusable offered certificate only matters if no path is found; it is named there.
            }
        }

        var anchors = _trustStore.AnchorsFor(purpose);
        if (anchors.Any(anchor => anchor.Encoded.Span.SequenceEqual(certificate.Encoded.Span)))
        {
            return [certificate];
        }

        var known = _trustStore.Intermediates.Concat(offered).ToList();
        var candidates = known.Where(ca => PurposeRules.MayIssueFor(purpose, ca)).ToList();
        List<DerCertificate>? firstComplete = null;
        var current = new List<DerCertificate> { certificate };
        var steps = 0;
        var found = Search(current, anchors, candidates, signatures, ref firstComplete, ref steps);
        if (found is not null)
        {
            return found;
        }

        if (firstComplete is not null)
        {
            return firstComplete;
        }

        failures.Add(new VerificationFailure(FailureReason.NoPathToTrustAnchor, NoPathDetail(certificate, purpose, options, offered, known)));
        return null;
    }

    /// <summary>Why no path was found, naming the near miss when there is one: a CA or a root of another purpose.</summary>
    private string NoPathDetail(
        DerCertificate certificate, CertificatePurpose purpose, VerificationOptions options, List<DerCertificate> offered, List<DerCertificate> known)
    {
        var detail = $"No chain from '{certificate.Issuer}' to an anchor trusted for {PurposeRules.Describe(purpose)}";
        var issuers = known.Where(ca => Issues(ca, certificate)).ToList();
        if (issuers.FirstOrDefault(ca => !PurposeRules.MayIssueFor(purpose, ca)) is { } wrongCa)
        {
            detail += $"; the CA '{PersonalSubject.Describe(wrongCa)}' that issued it does not assert the {PurposeRules.Describe(purpose)} CA policy {PurposeRules.CaPolicy(purpose)}";
        }

        var foreignAnchor = _trustStore.Anchors
            .Except(_trustStore.AnchorsFor(purpose))
            .FirstOrDefault(anchor => Issues(anchor, certificate) || issuers.Any(ca => Issues(anchor, ca)));
        if (foreignAnchor is not null)
        {
            detail += $"; the root '{PersonalSubject.Describe(foreignAnchor)}' is configured for other purposes only";
        }

        var skipped = options.Intermediates.Count - offered.Count;
        if (skipped > 0)
        {
            detail += $" ({skipped} offered intermediate certificate(s) did not parse)";
        }

        return detail + ".";
    }

    private List<DerCertificate>? Search(
        List<DerCertificate> current,
        IReadOnlyList<DerCertificate> anchors,
        List<DerCertificate> intermediates,
        Dictionary<(DerCertificate Subject, DerCertificate Issuer), bool> signatures,
        ref List<DerCertificate>? firstComplete, ref int steps)
    {
        if (++steps > MaxSearchSteps)
        {
            return null;
        }

        var tip = current[^1];
        foreach (var anchor in anchors.Where(anchor => Issues(anchor, tip)))
        {
            var complete = new List<DerCertificate>(current) { anchor };
            firstComplete ??= complete;
            if (SignaturesVerify(complete, signatures))
            {
                return complete;
            }
        }

        if (current.Count > MaxPathDepth)
        {
            return null;
        }

        foreach (var intermediate in intermediates.Where(candidate => Issues(candidate, tip)))
        {
            if (current.Any(onPath => onPath.Encoded.Span.SequenceEqual(intermediate.Encoded.Span)))
            {
                continue; // a loop
            }

            current.Add(intermediate);
            var found = Search(current, anchors, intermediates, signatures, ref firstComplete, ref steps);
            current.RemoveAt(current.Count - 1);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static bool Issues(DerCertificate issuer, DerCertificate subject) =>
        issuer.SubjectName.Span.SequenceEqual(subject.IssuerName.Span)
        && (subject.AuthorityKeyIdentifier.IsEmpty || issuer.SubjectKeyIdentifier.IsEmpty
            || subject.AuthorityKeyIdentifier.Span.SequenceEqual(issuer.SubjectKeyIdentifier.Span));

    private bool SignaturesVerify(List<DerCertificate> path, Dictionary<(DerCertificate Subject, DerCertificate Issuer), bool> signatures)
    {
        for (var index = 0; index + 1 < path.Count; index++)
        {
            if (!SignatureValid(path[index], path[index + 1], signatures))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Each signature is checked once per call (path building and the checks share it), and once ever between store certificates.</summary>
    private bool SignatureValid(DerCertificate subject, DerCertificate issuer, Dictionary<(DerCertificate Subject, DerCertificate Issuer), bool> signatures)
    {
        if (signatures.TryGetValue((subject, issuer), out var known))
        {
            return known;
        }

        var valid = _storeCertificates.Contains(subject) && _storeCertificates.Contains(issuer)
            ? _storeSignatures.GetOrAdd((subject, issuer), pair => Signatures.Verify(pair.Subject, pair.Issuer))
            : Signatures.Verify(subject, issuer);
        signatures[(subject, issuer)] = valid;
        return valid;
    }

    private static string SignatureDetail(DerCertificate subject, DerCertificate issuer)
    {
        if (Signatures.HashFor(subject.SignatureAlgorithm) is null)
        {
            return $"Signature algorithm {subject.SignatureAlgorithm} is not supported (sha256/384/512WithRSAEncryption only).";
        }

        return issuer.PublicKeyAlgorithm != Oids.RsaEncryption
            ? $"The issuer '{PersonalSubject.Describe(issuer)}' has a non-RSA key ({issuer.PublicKeyAlgorithm})."
            : $"The signature of '{PersonalSubject.Describe(subject)}' does not verify with the key of '{PersonalSubject.Describe(issuer)}'.";
    }

    private static void CheckCriticalExtensions(DerCertificate certificate, int index, List<VerificationFailure> failures)
    {
        foreach (var extension in certificate.Extensions.Where(extension => extension.Critical && !KnownExtensions.Contains(extension.Oid)))
        {
            failures.Add(new VerificationFailure(FailureReason.UnknownCriticalExtension,
                $"'{PersonalSubject.Describe(certificate)}' has the critical extension {extension.Oid}, which this verifier does not process.", index));
        }
    }

    private static void CheckValidity(DerCertificate certificate, int index, DateTimeOffset at, List<VerificationFailure> failures)
    {
        if (at < certificate.NotBefore)
        {
            failures.Add(new VerificationFailure(FailureReason.NotYetValid,
                $"'{PersonalSubject.Describe(certificate)}' is valid from {certificate.NotBefore:u}, after {at:u}.", index));
        }
        else if (at > certificate.NotAfter)
        {
            failures.Add(new VerificationFailure(FailureReason.Expired,
                $"'{PersonalSubject.Describe(certificate)}' expired at {certificate.NotAfter:u}, before {at:u}.", index));
        }
    }

    /// <summary>Both profiles: RSA keys of at least 2048 bits, sha256WithRSA or stronger.</summary>
    private static void CheckProfileAlgorithms(DerCertificate certificate, int index, List<VerificationFailure> failures)
    {
        if (certificate.PublicKeyAlgorithm != Oids.RsaEncryption)
        {
            failures.Add(new VerificationFailure(FailureReason.ProfileMismatch,
                $"'{PersonalSubject.Describe(certificate)}' has a {certificate.PublicKeyAlgorithm} key; the profile requires RSA.", index));
        }
        else if (certificate.RsaModulusBits < 2048)
        {
            failures.Add(new VerificationFailure(FailureReason.ProfileMismatch,
                $"'{PersonalSubject.Describe(certificate)}' has an RSA-{certificate.RsaModulusBits} key; the profile requires at least 2048 bits.", index));
        }

        if (Signatures.HashFor(certificate.SignatureAlgorithm) is null)
        {
            failures.Add(new VerificationFailure(FailureReason.ProfileMismatch,
                $"'{PersonalSubject.Describe(certificate)}' is signed with {certificate.SignatureAlgorithm}; the profile requires sha256WithRSAEncryption or stronger.", index));
        }
    }

    private static void CheckCa(DerCertificate ca, int index, List<VerificationFailure> failures)
    {
        if (!ca.IsCertificateAuthority)
        {
            failures.Add(new VerificationFailure(FailureReason.IssuerNotCa,
                $"'{PersonalSubject.Describe(ca)}' issues certificates but basicConstraints does not say cA TRUE.", index));
        }

        if (ca.KeyUsage is { } usage && !usage.HasFlag(KeyUsageFlags.KeyCertSign))
        {
            failures.Add(new VerificationFailure(FailureReason.IssuerNotCa,
                $"'{PersonalSubject.Describe(ca)}' issues certificates but its keyUsage lacks keyCertSign.", index));
        }

        // index - 1 CA certificates lie between this CA and the end entity.
        if (ca.PathLengthConstraint is { } pathLength && index - 1 > pathLength)
        {
            failures.Add(new VerificationFailure(FailureReason.IssuerNotCa,
                $"'{PersonalSubject.Describe(ca)}' allows {pathLength} CA certificate(s) below it; the path has {index - 1}.", index));
        }
    }

    private void CheckEndEntity(DerCertificate certificate, CertificatePurpose purpose, List<VerificationFailure> failures)
    {
        if (PurposeRules.CheckKeyUsage(purpose, certificate) is { } keyUsageProblem)
        {
            failures.Add(new VerificationFailure(FailureReason.KeyUsageMismatch, keyUsageProblem));
        }

        var accepted = new List<string> { PurposeRules.Policy(purpose) };
        if (_options.AdditionalPolicies.TryGetValue(purpose, out var additional))
        {
            accepted.AddRange(additional);
        }

        if (!certificate.PolicyOids.Any(accepted.Contains))
        {
            var asserted = certificate.PolicyOids.Count == 0 ? "none" : string.Join(", ", certificate.PolicyOids);
            failures.Add(new VerificationFailure(FailureReason.PolicyMismatch,
                $"{purpose} needs policy {string.Join(" or ", accepted)}; the certificate asserts {asserted}."));
        }

        if (purpose == CertificatePurpose.JpkiAuthentication && !IsCountryAndCommonNameOnly(certificate.SubjectAttributes))
        {
            failures.Add(new VerificationFailure(FailureReason.ProfileMismatch,
                $"A JPKI authentication certificate's subject is exactly C=JP and CN (no name or address); it is '{PersonalSubject.Describe(certificate)}'."));
        }
    }

    private static bool IsCountryAndCommonNameOnly(IReadOnlyList<NameAttribute> subject) =>
        subject.Count == 2
        && subject[0].RdnIndex != subject[1].RdnIndex
        && subject.Count(attribute => attribute.Oid == Oids.CountryName && attribute.Value == "JP") == 1
        && subject.Count(attribute => attribute.Oid == Oids.CommonName && attribute.Value.Length > 0) == 1;

    private static HcRole? CheckHcRole(DerCertificate certificate, VerificationOptions options, List<VerificationFailure> failures)
    {
        if (certificate.SubjectDirectoryAttributes is not { } attributes)
        {
            failures.Add(new VerificationFailure(FailureReason.HcRoleMissing, "The HPKI certificate has no SubjectDirectoryAttributes (hcRole)."));
            return null;
        }

        HcRole? role;
        try
        {
            role = HcRoleParser.Parse(attributes.Span);
        }
        catch (HcRoleFormatException exception)
        {
            failures.Add(new VerificationFailure(FailureReason.HcRoleMalformed, exception.Message));
            return null;
        }

        if (role is null)
        {
            failures.Add(new VerificationFailure(FailureReason.HcRoleMissing, "SubjectDirectoryAttributes holds no hcRole attribute."));
            return null;
        }

        if (options.AllowedHcRoles.Count > 0 && !options.AllowedHcRoles.Contains(role.Text, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(new VerificationFailure(FailureReason.HcRoleNotAllowed,
                $"The hcRole '{role.Text}' is not one of: {string.Join(", ", options.AllowedHcRoles)}."));
        }

        return role;
    }

    private static HcRole? TryReadRole(DerCertificate certificate)
    {
        try
        {
            return certificate.SubjectDirectoryAttributes is { } attributes ? HcRoleParser.Parse(attributes.Span) : null;
        }
        catch (HcRoleFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Each non-anchor certificate against the complete CRL of its issuer whose scope covers it (an issuer may
    /// have several: a root's ARL and RARL, a CA's CRL and its delta). A CRL that cannot be trusted (missing,
    /// not covering, stale, invalid) makes the status unknown, never good; a listing in a stale CRL still counts as revoked.
    /// </summary>
    private RevocationStatus CheckRevocation(IReadOnlyList<DerCertificate> path, DateTimeOffset at, List<VerificationFailure> failures)
    {
        var anyRevoked = false;
        var allGood = true;
        for (var index = 0; index + 1 < path.Count; index++)
        {
            var certificate = path[index];
            var issuer = path[index + 1];
            var candidates = _crls.FindAll(certificate.IssuerName.Span, certificate.AuthorityKeyIdentifier.Span);
            if (candidates.Count == 0)
            {
                failures.Add(new VerificationFailure(FailureReason.CrlMissing, $"No CRL from '{certificate.Issuer}' is configured.", index));
                allGood = false;
                continue;
            }

            var crl = ChooseCrl(candidates, certificate, issuer, out var invalid, out var notCovering);
            if (crl is null)
            {
                failures.Add(invalid is not null
                    ? new VerificationFailure(FailureReason.CrlInvalid, invalid, index)
                    : new VerificationFailure(FailureReason.CrlMissing, $"No CRL from '{certificate.Issuer}' covers the certificate: {notCovering}.", index));
                allGood = false;
                continue;
            }

            if (crl.NextUpdate is not { } nextUpdate || nextUpdate < at)
            {
                var when = crl.NextUpdate is { } next ? $"its nextUpdate {next:u} is before {at:u}" : "it has no nextUpdate";
                failures.Add(new VerificationFailure(FailureReason.CrlStale, $"The CRL of '{crl.Issuer}' is stale: {when}.", index));
                allGood = false;
            }

            if (crl.TryGetRevocation(certificate.SerialNumber.Span, out var revokedAt, out var reason) && revokedAt <= at)
            {
                var because = reason is { } code ? $" (reason {CrlReasonNames.Describe(code)})" : string.Empty;
                failures.Add(new VerificationFailure(FailureReason.Revoked,
                    $"'{PersonalSubject.Describe(certificate)}' (serial {certificate.SerialNumberHex}) was revoked at {revokedAt:u}{because}.", index));
                anyRevoked = true;
            }
        }

        return anyRevoked ? RevocationStatus.Revoked : allGood ? RevocationStatus.Good : RevocationStatus.Unknown;
    }

    /// <summary>
    /// The newest of the issuer's CRLs that covers the certificate and is valid; null with the first problem of a
    /// CRL that could have covered it (<paramref name="invalid"/>), or else why each one does not cover it.
    /// A CRL that is itself unusable is counted as possibly covering, so it is reported as invalid, not skipped.
    /// </summary>
    private static CertificateRevocationList? ChooseCrl(
        IReadOnlyList<CertificateRevocationList> candidates, DerCertificate certificate, DerCertificate issuer, out string? invalid, out string notCovering)
    {
        invalid = null;
        var reasons = new List<string>();
        foreach (var crl in candidates.OrderByDescending(candidate => candidate.ThisUpdate))
        {
            if (crl.Problem is null && CrlCoverage.WhyNotCovered(crl, certificate) is { } why)
            {
                reasons.Add($"{CrlCoverage.Name(crl)}: {why}");
                continue;
            }

            if (CrlProblem(crl, issuer) is { } problem)
            {
                invalid ??= problem;
                continue;
            }

            notCovering = string.Empty;
            return crl;
        }

        notCovering = string.Join("; ", reasons);
        return null;
    }

    private static string? CrlProblem(CertificateRevocationList crl, DerCertificate issuer)
    {
        if (crl.Problem is not null)
        {
            return crl.Problem;
        }

        if (!crl.IssuerName.Span.SequenceEqual(issuer.SubjectName.Span))
        {
            return $"The CRL's issuer '{crl.Issuer}' is not the CA '{PersonalSubject.Describe(issuer)}'.";
        }

        if (issuer.KeyUsage is { } usage && !usage.HasFlag(KeyUsageFlags.CrlSign))
        {
            return $"The CA '{PersonalSubject.Describe(issuer)}' may not sign CRLs (keyUsage lacks cRLSign).";
        }

        try
        {
            return crl.IsSignedBy(issuer) ? null : $"The CRL of '{crl.Issuer}' is not signed by the CA's key.";
        }
        catch (CryptographicException exception)
        {
            return $"The CRL's signature cannot be checked: {exception.Message}";
        }
    }
}
