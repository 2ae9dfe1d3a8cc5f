using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// What the check learnt of one of the card's two certificates: its DER when read, the service's verdict when
/// verified, else why not (already one line for people).
/// </summary>
/// <param name="Name">How the checklist names it, in the user's language ("signing", 署名用).</param>
internal sealed record CertificateResult(string Name, byte[]? Der, VerifyResponse? Verdict, string? NotRead = null, string? NotVerified = null);
