using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// A completed check-in: the verified JPKI auth certificate, the method that proved the card is the patient's, the
/// chip's signature over this check-in's challenge (the auth key after the PIN, or the card-face AP's key when the photo
/// was read), the consents in the order asked, and the timestamps.
/// </summary>
public sealed record CheckInResult(
    VerifiedAuthCertificate Certificate,
    CheckInMethod Method,
    ChipPresence ChipPresence,
    IReadOnlyList<ConsentRecord> Consents,
    CheckInTimes Times);
