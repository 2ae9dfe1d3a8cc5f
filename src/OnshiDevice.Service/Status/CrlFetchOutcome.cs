namespace OnshiDevice.Service.Status;

/// <summary>How a download of CRLs from their distribution points ended (onshi-device crl fetch, the background fetch).</summary>
public sealed record CrlFetchOutcome(DateTimeOffset FinishedAt, bool Succeeded, IReadOnlyList<string> Problems);
