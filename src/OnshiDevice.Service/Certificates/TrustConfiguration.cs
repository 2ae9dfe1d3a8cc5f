using Microsoft.Extensions.Configuration;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Configuration;

namespace OnshiDevice.Service.Certificates;

/// <summary>
/// Builds the PKI layer's objects from the "Pki" configuration. Its folders are made full paths once, by
/// <see cref="ConfigurationPaths"/>, and each must exist: a mistyped folder is one line naming the setting.
/// </summary>
internal static class TrustConfiguration
{
    public static string AnchorsKey(CertificatePurpose purpose) => $"{PkiOptions.SectionName}:{nameof(PkiOptions.TrustAnchors)}:{purpose}";

    public const string IntermediatesKey = PkiOptions.SectionName + ":" + nameof(PkiOptions.Intermediates);

    public const string CrlsKey = PkiOptions.SectionName + ":" + nameof(PkiOptions.Crls);

    /// <summary>Replaces every folder of <paramref name="options"/> with the full path its setting names.</summary>
    public static void ResolveFolders(PkiOptions options, IConfiguration configuration)
    {
        foreach (var purpose in options.TrustAnchors.Keys.ToList())
        {
            options.TrustAnchors[purpose] = ConfigurationPaths.ExistingFolder(configuration, AnchorsKey(purpose)) ?? string.Empty;
        }

        options.Intermediates = ConfigurationPaths.ExistingFolder(configuration, IntermediatesKey);
        options.Crls = ConfigurationPaths.ExistingFolder(configuration, CrlsKey);
    }

    public static TrustStore LoadTrustStore(PkiOptions options)
    {
        // A purpose without anchors ends every verification in NO_PATH_TO_TRUST_ANCHOR, which says exactly what is missing.
        var folders = options.TrustAnchors
            .Where(entry => !string.IsNullOrWhiteSpace(entry.Value))
            .ToDictionary(entry => entry.Key, entry => Path.GetFullPath(entry.Value));
        return TrustStore.Load(
            folders,
            string.IsNullOrWhiteSpace(options.Intermediates) ? null : Path.GetFullPath(options.Intermediates));
    }

    public static CrlStore CreateCrlStore(PkiOptions options, TimeProvider timeProvider) =>
        new(CrlFolder(options), options.MaxCrlFileBytes, timeProvider);

    /// <summary>The CRL folder (Pki:Crls) of options whose folders <see cref="ResolveFolders"/> resolved; empty when none is configured.</summary>
    public static string CrlFolder(PkiOptions options) =>
        string.IsNullOrWhiteSpace(options.Crls) ? string.Empty : Path.GetFullPath(options.Crls);
}
