using System.Text;

namespace OnshiDevice.Pki.Revocation;

/// <summary>The bytes of a CRL file: DER as published, or PEM ("X509 CRL") as some tools write it. One rule for the store and the fetch.</summary>
internal static class CrlFileFormat
{
    private static readonly string[] Extensions = [".crl", ".der", ".pem"];

    /// <summary>Whether the store reads the file: .crl, .der or .pem (so a download's temporary file is never read half-written).</summary>
    public static bool IsCrlFileName(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>The DER of a file's bytes; a PEM block of another label raises <see cref="FormatException"/>.</summary>
    public static byte[] Decode(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] == 0x30)
        {
            return bytes;
        }

        var text = Encoding.ASCII.GetString(bytes);
        var fields = System.Security.Cryptography.PemEncoding.Find(text);
        if (!text.AsSpan()[fields.Label].SequenceEqual("X509 CRL"))
        {
            throw new FormatException($"PEM label '{text[fields.Label]}' is not X509 CRL.");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
