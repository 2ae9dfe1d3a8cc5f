namespace OnshiDevice.Pki;

/// <summary>Per-call choices of the relying party.</summary>
public sealed record VerificationOptions
{
    public static VerificationOptions Default { get; } = new();

    /// <summary>The time the certificate must be valid at; null = now (the verifier's clock).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>CA certificates offered with this certificate, in any order, to help build the path (never trusted on their own).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Intermediates { get; init; } = [];

    /// <summary>HPKI roles accepted; empty = any well-formed hcRole. Ignored for JPKI purposes.</summary>
    public IReadOnlyList<string> AllowedHcRoles { get; init; } = [];
}
