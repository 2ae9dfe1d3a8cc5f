namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>Which of the card's keys signed a <see cref="ChipPresence"/> challenge.</summary>
public enum ChipKey
{
    /// <summary>The JPKI user-authentication key, after the PIN (checked with the auth certificate).</summary>
    JpkiAuthentication = 1,

    /// <summary>The 券面事項確認AP's own key, no credential (checked with the card-face public key, DF24).</summary>
    CardFaceApplication = 2,
}
