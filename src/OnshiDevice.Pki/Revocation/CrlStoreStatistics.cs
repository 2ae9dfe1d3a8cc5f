namespace OnshiDevice.Pki.Revocation;

/// <summary>What the current snapshot holds and how the last refresh went (for health checks and the benchmark).</summary>
public sealed record CrlStoreStatistics(
    int Files,
    int Crls,
    long RevokedEntries,
    long TableBytes,
    DateTimeOffset? LastRefresh,
    TimeSpan LastRefreshDuration,
    IReadOnlyList<string> LastErrors);
