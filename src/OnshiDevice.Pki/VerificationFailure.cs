namespace OnshiDevice.Pki;

/// <summary>One failed check: the reason code, a sentence for people, and which certificate (0 = the one verified, counting up to the anchor).</summary>
public sealed record VerificationFailure(FailureReason Reason, string Detail, int ChainIndex = 0);
