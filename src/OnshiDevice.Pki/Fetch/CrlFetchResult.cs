using System.Globalization;
using System.Numerics;

namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// One CRL's fetch: where from, what happened and why, the file written (when updated), and the times of the CRL
/// that now serves (the new one when updated or unchanged).
/// </summary>
public sealed record CrlFetchResult(
    Uri Location,
    CrlFetchOutcome Outcome,
    string Detail,
    string? File = null,
    DateTimeOffset? ThisUpdate = null,
    DateTimeOffset? NextUpdate = null,
    BigInteger? CrlNumber = null)
{
    /// <summary>True when the CRL folder holds the newest CRL this location serves.</summary>
    public bool IsCurrent => Outcome is CrlFetchOutcome.Updated or CrlFetchOutcome.Unchanged;

    /// <summary>The outcome as the command prints it: updated, unchanged, refused, unreachable.</summary>
    public string OutcomeName => Outcome.ToString().ToLowerInvariant();

    /// <summary>ISO 8601 in UTC, for lines and logs.</summary>
    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
