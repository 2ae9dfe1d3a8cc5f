using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki;

/// <summary>The configured trust anchors and the CA certificates that may complete a path.</summary>
public sealed class TrustStore
{
    private static readonly string[] CertificateExtensions = [".cer", ".crt", ".der", ".pem"];

    public TrustStore(IEnumerable<DerCertificate> anchors, IEnumerable<DerCertificate> intermediates)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(intermediates);
        Anchors = anchors.ToArray();
        Intermediates = intermediates.ToArray();
    }

    public IReadOnlyList<DerCertificate> Anchors { get; }

    public IReadOnlyList<DerCertificate> Intermediates { get; }

    /// <summary>
    /// Loads every certificate file of the folders; a file that does not parse raises <see cref="TrustStoreException"/> naming it.
    /// Anchors must be self-signed (names equal and the signature verifies with their own key): a misplaced
    /// intermediate in the anchors folder would otherwise silently become a root of trust.
    /// </summary>
    public static TrustStore Load(string anchorsFolder, string? intermediatesFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(anchorsFolder);
        var anchors = ReadFolder(anchorsFolder);
        foreach (var (path, anchor) in anchors)
        {
            if (!anchor.IsSelfIssued || !Signatures.Verify(anchor, anchor))
            {
                throw new TrustStoreException($"Trust anchor '{path}' ({anchor.Subject}) is not self-signed.");
            }
        }

        if (anchors.Count == 0)
        {
            throw new TrustStoreException($"Trust anchor folder '{anchorsFolder}' holds no certificate.");
        }

        var intermediates = string.IsNullOrEmpty(intermediatesFolder) ? [] : ReadFolder(intermediatesFolder);
        return new TrustStore(anchors.Select(entry => entry.Certificate), intermediates.Select(entry => entry.Certificate));
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
