using Microsoft.Extensions.Hosting;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Certificates;

/// <summary>Builds the PKI layer's objects from the "Pki" configuration; relative folders are under the content root.</summary>
internal static class TrustConfiguration
{
    public static TrustStore LoadTrustStore(PkiOptions options, IHostEnvironment environment) =>
        LoadTrustStore(options, environment.ContentRootPath);

    /// <summary>The same for a program that runs instead of the service (<c>onshi-device crl fetch</c>), from its content root.</summary>
    public static TrustStore LoadTrustStore(PkiOptions options, string contentRoot)
    {
        // A purpose without anchors ends every verification in NO_PATH_TO_TRUST_ANCHOR, which says exactly what is missing.
        var folders = options.TrustAnchors
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .ToDictionary(entry => entry.Key, entry => Resolve(entry.Value, contentRoot));
        return TrustStore.Load(
            folders,
            string.IsNullOrWhiteSpace(options.Intermediates) ? null : Resolve(options.Intermediates, contentRoot));
    }

    public static CrlStore CreateCrlStore(PkiOptions options, IHostEnvironment environment, TimeProvider timeProvider) =>
        new(CrlFolder(options, environment.ContentRootPath), options.MaxCrlFileBytes, timeProvider);

    /// <summary>The CRL folder (Pki:Crls), resolved; empty when none is configured.</summary>
    public static string CrlFolder(PkiOptions options, string contentRoot) =>
        string.IsNullOrWhiteSpace(options.Crls) ? string.Empty : Resolve(options.Crls, contentRoot);

    private static string Resolve(string folder, string contentRoot) =>
        Path.GetFullPath(folder, contentRoot);
}
