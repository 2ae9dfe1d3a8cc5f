using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// Whether a complete CRL of a certificate's issuer covers that certificate: RFC 5280 §6.3.3 (b) and (c),
/// decided the way OpenSSL's crl_crldp_check does, but stricter where RFC 5280 leaves the verifier to
/// give up. The one place the scope of a CRL is decided; a CRL that does not cover a certificate never
/// says anything about it, least of all "good".
/// </summary>
internal static class CrlCoverage
{
    /// <summary>Null when <paramref name="crl"/> covers <paramref name="certificate"/>; otherwise why not, for people.</summary>
    public static string? WhyNotCovered(CertificateRevocationList crl, DerCertificate certificate)
    {
        if (crl.DeltaBaseCrlNumber is { } baseNumber)
        {
            return $"it is a delta CRL (deltaCRLIndicator, base CRL number {baseNumber}), never used as a complete CRL";
        }

        if (crl.HasCertificateIssuerEntries)
        {
            return "its entries name other certificate issuers (certificateIssuer): indirect CRLs are not used";
        }

        var scope = crl.IssuingDistributionPoint;
        if (scope is not null && ScopeFlagsExclude(scope, certificate) is { } excluded)
        {
            return excluded;
        }

        var scopeNames = scope?.Name?.Resolve(crl.IssuerName);
        if (certificate.CrlDistributionPoints.Count == 0)
        {
            // Without cRLDistributionPoints only a CRL of the whole issuer (no distribution point name) can cover it.
            return scopeNames is null ? null : $"it is the distribution point {Describe(scopeNames)}, and the certificate names no distribution point";
        }

        var reasons = new List<string>();
        foreach (var point in certificate.CrlDistributionPoints)
        {
            if (point.CrlIssuer is { } crlIssuer && !crlIssuer.Any(name => IsDirectoryName(name, crl.IssuerName.Span)))
            {
                reasons.Add($"the certificate's distribution point is served by the CRL issuer {Describe(crlIssuer)}");
                continue;
            }

            if (point.Reasons is { } pointReasons && (pointReasons & RevocationReasons.All) != RevocationReasons.All)
            {
                reasons.Add($"the certificate's distribution point covers only the reasons {pointReasons}, so one complete CRL cannot decide");
                continue;
            }

            if (scopeNames is null)
            {
                return null;
            }

            // A point without a name is identified by its cRLIssuer (RFC 5280 §6.3.3 (b)(2)(i)).
            var pointNames = point.Name?.Resolve(certificate.IssuerName) ?? point.CrlIssuer!;
            if (pointNames.Any(pointName => scopeNames.Any(pointName.Matches)))
            {
                return null;
            }

            reasons.Add($"it is the distribution point {Describe(scopeNames)}, not {Describe(pointNames)}");
        }

        return string.Join("; ", reasons.Distinct(StringComparer.Ordinal));
    }

    /// <summary>"the CRL of 'issuer'" plus what makes it one of several CRLs of that issuer.</summary>
    public static string Name(CertificateRevocationList crl)
    {
        var name = $"the CRL of '{crl.Issuer}'";
        if (crl.IssuingDistributionPoint?.Name is { } point)
        {
            name += $" for {Describe(point.Resolve(crl.IssuerName))}";
        }

        return crl.DeltaBaseCrlNumber is null ? name : name + " (delta)";
    }

    private static string? ScopeFlagsExclude(IssuingDistributionPoint scope, DerCertificate certificate)
    {
        if (scope.IndirectCrl)
        {
            return "it is an indirect CRL (indirectCRL), and indirect CRLs are not used";
        }

        if (scope.OnlySomeReasons is { } onlySome)
        {
            return $"it covers only the reasons {onlySome} (onlySomeReasons), so it cannot decide alone";
        }

        if (scope.OnlyContainsAttributeCerts)
        {
            return "it covers only attribute certificates";
        }

        if (scope.OnlyContainsUserCerts && certificate.IsCertificateAuthority)
        {
            return "it covers only end-entity certificates, and this is a CA certificate";
        }

        return scope.OnlyContainsCaCerts && !certificate.IsCertificateAuthority
            ? "it covers only CA certificates, and this is an end-entity certificate"
            : null;
    }

    private static bool IsDirectoryName(DerGeneralName name, ReadOnlySpan<byte> nameDer) =>
        name.Kind == GeneralNameKind.DirectoryName && name.Value.Span.SequenceEqual(nameDer);

    private static string Describe(IReadOnlyList<DerGeneralName> names) => "[" + string.Join(", ", names.Select(name => name.Text)) + "]";
}
