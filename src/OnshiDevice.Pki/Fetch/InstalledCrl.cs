using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Pki.Fetch;

/// <summary>A CRL file the folder holds now, parsed, so a download can be compared with it.</summary>
internal sealed record InstalledCrl(string Path, CertificateRevocationList Crl, byte[] Sha256)
{
    /// <summary>The folder's CRL files that parse; the rest cannot be compared and are left as they are.</summary>
    public static IReadOnlyList<InstalledCrl> ReadFolder(string folder, long maxFileBytes)
    {
        var installed = new List<InstalledCrl>();
        foreach (var path in Directory.EnumerateFiles(folder).Where(CrlFileFormat.IsCrlFileName).Order(StringComparer.Ordinal))
        {
            try
            {
                if (new FileInfo(path).Length > maxFileBytes)
                {
                    continue;
                }

                var der = CrlFileFormat.Decode(File.ReadAllBytes(path));
                installed.Add(new InstalledCrl(path, CertificateRevocationList.Parse(der), SHA256.HashData(der)));
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or MalformedCertificateException or FormatException)
            {
                // The store reports such a file; for the fetch it is as if it were not there.
            }
        }

        return installed;
    }
}
