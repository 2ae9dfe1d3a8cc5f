namespace OnshiDevice.Pki.Revocation;

/// <summary>One CRL file as it was when parsed.</summary>
internal sealed record LoadedCrlFile(CertificateRevocationList Crl, long Length, DateTime LastWriteUtc);
