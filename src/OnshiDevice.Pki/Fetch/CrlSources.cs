using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// Where the CRLs of a trust configuration are published: the http(s) cRLDistributionPoints of every configured
/// certificate (anchors and intermediates: the CRL there is issued by the certificate's issuer, e.g. the HPKI
/// root's ARL for a CA certificate, its RARL for the root), the http(s) issuingDistributionPoint of every
/// installed CRL (where that CRL says it is published: a CA's CRL for the cards, once installed), and the
/// addresses configured. Each address once, the first naming kept.
/// </summary>
internal static class CrlSources
{
    public static IReadOnlyList<CrlSource> From(TrustStore trust, IEnumerable<InstalledCrl> installed, IEnumerable<Uri> configured)
    {
        var sources = new List<CrlSource>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(Uri location, ReadOnlyMemory<byte> issuerName, string issuer, string namedBy)
        {
            if (CrlLocation.IsFetchable(location) && seen.Add(location.AbsoluteUri))
            {
                sources.Add(new CrlSource(location, CrlLocation.FileNameFor(location), issuerName, issuer, namedBy));
            }
        }

        foreach (var certificate in trust.Anchors.Concat(trust.Intermediates).DistinctBy(certificate => Convert.ToHexString(certificate.Encoded.Span)))
        {
            foreach (var point in certificate.CrlDistributionPoints)
            {
                var crlIssuer = point.CrlIssuer?.FirstOrDefault(name => name.Kind == GeneralNameKind.DirectoryName);
                var issuerName = crlIssuer?.Value ?? certificate.IssuerName;
                var issuer = crlIssuer?.Text["DirName:".Length..] ?? certificate.Issuer;
                foreach (var uri in Uris(point.Name?.FullName))
                {
                    Add(uri, issuerName, issuer, $"the cRLDistributionPoints of '{PersonalSubject.Describe(certificate)}'");
                }
            }
        }

        foreach (var crl in installed)
        {
            foreach (var uri in Uris(crl.Crl.IssuingDistributionPoint?.Name?.FullName))
            {
                Add(uri, crl.Crl.IssuerName, crl.Crl.Issuer, $"the issuingDistributionPoint of {Path.GetFileName(crl.Path)}");
            }
        }

        foreach (var uri in configured)
        {
            Add(uri, ReadOnlyMemory<byte>.Empty, string.Empty, "Pki:CrlFetch:Urls");
        }

        return sources;
    }

    private static IEnumerable<Uri> Uris(IReadOnlyList<DerGeneralName>? names) =>
        (names ?? [])
            .Where(name => name.Kind == GeneralNameKind.Uri)
            .Select(name => Uri.TryCreate(System.Text.Encoding.ASCII.GetString(name.Value.Span), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>();
}
