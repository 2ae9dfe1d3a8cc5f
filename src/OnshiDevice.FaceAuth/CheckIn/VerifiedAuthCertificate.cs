using OnshiDevice.Pki;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>The JPKI user-authentication certificate as read from the card (DER) and the verifier's verdict for JPKI authentication.</summary>
public sealed record VerifiedAuthCertificate(ReadOnlyMemory<byte> Der, VerificationResult Verdict);
