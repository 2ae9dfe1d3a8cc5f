using Microsoft.Extensions.Hosting;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Certificates;

/// <summary>Builds the PKI layer's objects from the "Pki" configuration; relative folders are under the content root.</summary>
internal static class TrustConfiguration
{
    public static TrustStore LoadTrustStore(PkiOptions options, IHostEnvironment environment)
    {
        // A purpose without anchors ends every verification in NO_PATH_TO_TRUST_ANCHOR, which says exactly what is missing.
        var folders = options.TrustAnchors
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .ToDictionary(entry => entry.Key, entry => Resolve(entry.Value, environment));
        return TrustStore.Load(
            folders,
            string.IsNullOrWhiteSpace(options.Intermediates) ? null : Resolve(options.Intermediates, environment));
    }

    public static CrlStore CreateCrlStore(PkiOptions options, IHostEnvironment environment, TimeProvider timeProvider) =>
        new(string.IsNullOrWhiteSpace(options.Crls) ? string.Empty : Resolve(options.Crls, environment), options.MaxCrlFileBytes, timeProvider);

    private static string Resolve(string folder, IHostEnvironment environment) =>
        Path.GetFullPath(folder, environment.ContentRootPath);
}
