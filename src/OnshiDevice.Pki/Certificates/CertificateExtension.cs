namespace OnshiDevice.Pki.Certificates;

/// <summary>One X.509 extension as encoded: the verifier decides per OID whether it understands a critical one.</summary>
public sealed record CertificateExtension(string Oid, bool Critical, ReadOnlyMemory<byte> Value);
