namespace OnshiDevice.Pki.Revocation;

/// <summary>One CRL of the store's present snapshot, for freshness reports: its file, its issuer (a CA) and its validity.</summary>
public sealed record LoadedCrl(string File, string Issuer, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate);
