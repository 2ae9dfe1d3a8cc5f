namespace OnshiDevice.Pki.Certificates;

/// <summary>One AttributeTypeAndValue of a Name, with the RDN it belongs to (profile checks need the exact shape).</summary>
public sealed record NameAttribute(int RdnIndex, string Oid, string Value);
