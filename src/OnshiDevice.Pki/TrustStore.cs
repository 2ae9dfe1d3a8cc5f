using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki;

/// <summary>
/// The configured trust anchors, per purpose, and the CA certificates that may complete a path.
/// A root anchors only the purposes it was configured for: the J-LIS signing root must never anchor a
/// patient's authentication certificate, nor the MHLW HPKI root a JPKI one.
/// </summary>
public sealed class TrustStore
{
    private static readonly string[] CertificateExtensions = [".cer", ".crt", ".der", ".pem"];

    private readonly Dictionary<CertificatePurpose, IReadOnlyList<DerCertificate>> _anchors;

    public TrustStore(IReadOnlyDictionary<CertificatePurpose, IReadOnlyList<DerCertificate>> anchors, IEnumerable<DerCertificate> intermediates)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(intermediates);
        _anchors = Enum.GetValues<CertificatePurpose>().ToDictionary(
            purpose => purpose,
            purpose => anchors.TryGetValue(purpose, out var list) ? (IReadOnlyList<DerCertificate>)list.ToArray() : []);
        Anchors = _anchors.Values.SelectMany(list => list).Distinct().ToArray();
        Intermediates = intermediates.ToArray();
    }

    /// <summary>Every anchor of every purpose, each once.</summary>
    public IReadOnlyList<DerCertificate> Anchors { get; }

    public IReadOnlyList<DerCertificate> Intermediates { get; }

    /// <summary>The purposes no anchor is configured for: verification for them always ends in NO_PATH_TO_TRUST_ANCHOR.</summary>
    public IReadOnlyList<CertificatePurpose> PurposesWithoutAnchors =>
        _anchors.Where(entry => entry.Value.Count == 0).Select(entry => entry.Key).Order().ToArray();

    /// <summary>The anchors a path for <paramref name="purpose"/> may end in.</summary>
    public IReadOnlyList<DerCertificate> AnchorsFor(CertificatePurpose purpose) =>
        _anchors.TryGetValue(purpose, out var anchors) ? anchors : throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Not a certificate purpose.");

    /// <summary>
    /// Loads the anchor folder of each purpose named (a folder named for two purposes is read once and its
    /// certificates shared) and the intermediates folder. A file that does not parse raises
    /// <see cref="TrustStoreException"/> naming it. Anchors must be self-signed (names equal and the signature
    /// verifies with their own key): a misplaced intermediate in an anchors folder would otherwise silently
    /// become a root of trust.
    /// </summary>
    public static TrustStore Load(IReadOnlyDictionary<CertificatePurpose, string> anchorFolders, string? intermediatesFolder)
    {
        ArgumentNullException.ThrowIfNull(anchorFolders);
        var byFolder = new Dictionary<string, IReadOnlyList<DerCertificate>>(StringComparer.Ordinal);
        var anchors = new Dictionary<CertificatePurpose, IReadOnlyList<DerCertificate>>();
        foreach (var (purpose, folder) in anchorFolders)
        {
            if (!Enum.IsDefined(purpose))
            {
                throw new TrustStoreException($"'{purpose}' is not a certificate purpose.");
            }

            if (string.IsNullOrWhiteSpace(folder))
            {
                continue;
            }

            var fullPath = Path.GetFullPath(folder);
            if (!byFolder.TryGetValue(fullPath, out var loaded))
            {
                loaded = LoadAnchorFolder(fullPath);
                byFolder[fullPath] = loaded;
            }

            anchors[purpose] = loaded;
        }

        var intermediates = string.IsNullOrEmpty(intermediatesFolder) ? [] : ReadFolder(intermediatesFolder);
        return new TrustStore(anchors, intermediates.Select(entry => entry.Certificate));
    }

    /// <summary>TEST SETUPS ONLY: the same anchors for every purpose, which production configuration never gives.</summary>
    internal static TrustStore ForEveryPurpose(IEnumerable<DerCertificate> anchors, IEnumerable<DerCertificate> intermediates)
    {
        var list = anchors.ToArray();
        return new TrustStore(Enum.GetValues<CertificatePurpose>().ToDictionary(purpose => purpose, _ => (IReadOnlyList<DerCertificate>)list), intermediates);
    }

    private static DerCertificate[] LoadAnchorFolder(string folder)
    {
        var anchors = ReadFolder(folder);
        foreach (var (path, anchor) in anchors)
        {
            if (!anchor.IsSelfIssued || !Signatures.Verify(anchor, anchor))
            {
                throw new TrustStoreException($"Trust anchor '{path}' ({anchor.Subject}) is not self-signed.");
            }
        }

        if (anchors.Count == 0)
        {
            throw new TrustStoreException($"Trust anchor folder '{folder}' holds no certificate.");
        }

        return anchors.Select(entry => entry.Certificate).ToArray();
    }

    private static List<(string Path, DerCertificate Certificate)> ReadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new TrustStoreException($"Certificate folder '{folder}' does not exist.");
        }

        var certificates = new List<(string, DerCertificate)>();
        var paths = Directory.EnumerateFiles(folder)
            .Where(path => CertificateExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                foreach (var der in ReadCertificates(File.ReadAllBytes(path)))
                {
                    certificates.Add((path, DerCertificate.Parse(der)));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or MalformedCertificateException
                or FormatException or ArgumentException)
            {
                throw new TrustStoreException($"'{path}' is not a usable certificate file: {exception.Message}", exception);
            }
        }

        return certificates;
    }

    /// <summary>A DER file holds one certificate; a PEM file may hold several.</summary>
    private static List<byte[]> ReadCertificates(byte[] bytes)
    {
        if (bytes.Length > 0 && bytes[0] == 0x30)
        {
            return [bytes];
        }

        var text = Encoding.ASCII.GetString(bytes);
        var certificates = new List<byte[]>();
        var remaining = text.AsMemory();
        while (PemEncoding.TryFind(remaining.Span, out var fields))
        {
            if (remaining.Span[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(Convert.FromBase64String(remaining.Span[fields.Base64Data].ToString()));
            }

            remaining = remaining[fields.Location.End..];
        }

        return certificates.Count > 0 ? certificates : throw new FormatException("neither DER nor a PEM CERTIFICATE");
    }
}
