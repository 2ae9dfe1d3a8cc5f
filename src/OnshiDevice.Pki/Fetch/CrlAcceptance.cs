using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// The one rule for whether a downloaded CRL may replace what the folder holds: it parses, is complete (not a
/// delta) and usable, comes from the issuer expected for its address, is signed by a configured CA of that name
/// allowed to sign CRLs, is not past its nextUpdate, and is not older than the installed CRL of the same issuer
/// and scope (by thisUpdate and, when both have one, by CRL number). Equal to the installed one is "unchanged".
/// </summary>
internal static class CrlAcceptance
{
    public static CrlVerdict Judge(byte[] downloaded, CrlSource source, TrustStore trust, IReadOnlyList<InstalledCrl> installed, DateTimeOffset now)
    {
        CertificateRevocationList crl;
        byte[] der;
        try
        {
            der = CrlFileFormat.Decode(downloaded);
            crl = CertificateRevocationList.Parse(der);
        }
        catch (Exception malformed) when (malformed is MalformedCertificateException or FormatException or ArgumentException)
        {
            return CrlVerdict.Refused($"not a CRL ({downloaded.Length} bytes): {malformed.Message}");
        }

        if (crl.DeltaBaseCrlNumber is not null)
        {
            return CrlVerdict.Refused("a delta CRL, which is never used in place of a complete CRL");
        }

        if (crl.Problem is not null)
        {
            return CrlVerdict.Refused(crl.Problem);
        }

        if (!source.ExpectedIssuerName.IsEmpty && !crl.IssuerName.Span.SequenceEqual(source.ExpectedIssuerName.Span))
        {
            return CrlVerdict.Refused($"issued by '{crl.Issuer}', not by '{source.ExpectedIssuer}' (whose CRL {source.NamedBy} name here)");
        }

        if (SignatureProblem(crl, trust) is { } signature)
        {
            return CrlVerdict.Refused(signature);
        }

        if (crl.NextUpdate is not { } nextUpdate)
        {
            return CrlVerdict.Refused("it has no nextUpdate, so it would never count as current");
        }

        if (nextUpdate < now)
        {
            return CrlVerdict.Refused($"expired: its nextUpdate {CrlFetchResult.Time(nextUpdate)} has passed");
        }

        var digest = SHA256.HashData(der);
        var same = installed
            .Where(old => old.Crl.Problem is null && old.Crl.IssuerName.Span.SequenceEqual(crl.IssuerName.Span) && old.Crl.ScopeKey == crl.ScopeKey)
            .MaxBy(old => old.Crl.ThisUpdate);
        return same is null ? CrlVerdict.Accepted(crl, der) : Compare(crl, der, digest, same);
    }

    private static CrlVerdict Compare(CertificateRevocationList crl, byte[] der, byte[] digest, InstalledCrl installed)
    {
        var old = installed.Crl;
        var file = Path.GetFileName(installed.Path);
        if (digest.AsSpan().SequenceEqual(installed.Sha256))
        {
            return CrlVerdict.Unchanged(crl, file);
        }

        if (crl.ThisUpdate < old.ThisUpdate)
        {
            return CrlVerdict.Refused($"older than the installed {file}: thisUpdate {CrlFetchResult.Time(crl.ThisUpdate)}, installed {CrlFetchResult.Time(old.ThisUpdate)}");
        }

        if (crl.CrlNumber is { } number && old.CrlNumber is { } oldNumber)
        {
            if (number < oldNumber)
            {
                return CrlVerdict.Refused($"older than the installed {file}: CRL number {number}, installed {oldNumber}");
            }

            if (number == oldNumber)
            {
                return crl.ThisUpdate == old.ThisUpdate
                    ? CrlVerdict.Unchanged(crl, file)
                    : CrlVerdict.Refused($"CRL number {number} is the installed {file}'s, but its thisUpdate differs: a CA never reissues a number");
            }
        }
        else if (crl.ThisUpdate == old.ThisUpdate)
        {
            return CrlVerdict.Unchanged(crl, file);
        }

        return CrlVerdict.Accepted(crl, der);
    }

    /// <summary>Null when a configured CA certificate with the CRL's issuer name, allowed to sign CRLs, verifies its signature.</summary>
    private static string? SignatureProblem(CertificateRevocationList crl, TrustStore trust)
    {
        var named = trust.Anchors.Concat(trust.Intermediates).Where(ca => ca.SubjectName.Span.SequenceEqual(crl.IssuerName.Span)).ToList();
        if (named.Count == 0)
        {
            return $"no configured CA certificate is named '{crl.Issuer}' (add it to Pki:Intermediates or the trust anchors)";
        }

        var signer = named.FirstOrDefault(crl.IsSignedBy);
        if (signer is null)
        {
            return $"its signature does not verify with the key of '{PersonalSubject.Describe(named[0])}'";
        }

        return signer.KeyUsage is { } usage && !usage.HasFlag(KeyUsageFlags.CrlSign)
            ? $"the CA '{PersonalSubject.Describe(signer)}' may not sign CRLs (keyUsage lacks cRLSign)"
            : null;
    }
}
