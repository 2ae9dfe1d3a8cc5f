namespace OnshiDevice.Simulators;

/// <summary>How a test CRL differs from the CRL the real PKI would issue; the default is exactly that CRL.</summary>
public sealed record CrlOptions
{
    public static CrlOptions AsIssued { get; } = new();

    public CrlScope Scope { get; init; } = CrlScope.AsIssued;

    /// <summary>When set, the CRL is a delta CRL: a critical deltaCRLIndicator with this BaseCRLNumber.</summary>
    public long? DeltaOfBaseCrlNumber { get; init; }
}
