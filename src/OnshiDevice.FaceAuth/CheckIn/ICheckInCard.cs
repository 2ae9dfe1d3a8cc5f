using OnshiDevice.Cards;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// The card on a face-auth reader's slot, as a check-in uses it. Each call is one card transaction on the slot's PC/SC
/// reader under the caller's deadline, and reads nothing but the JPKI AP and the card-face AP's photo. Failures are the
/// card layer's typed exceptions (PinIncorrectException with the tries left, LastTryRefusedException, PinBlockedException,
/// UnsupportedCardException, CardRemovedException...), never a retry.
/// </summary>
public interface ICheckInCard
{
    /// <summary>Selects the JPKI AP: true for a My Number card; false for any other card (identified by AID, not ATR).</summary>
    Task<bool> IsMyNumberCardAsync(CancellationToken cancellationToken);

    /// <summary>The JPKI auth PIN's tries left, asked without spending one. Blocked (0) also stands for a card without a PIN set.</summary>
    Task<PinStatus> GetAuthPinStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Exactly one VERIFY of the auth PIN under the PIN rules (format, last try refused unless <paramref name="lastTry"/>
    /// allows it), then the auth key signs <paramref name="challenge"/> and the signature is checked against the card's
    /// auth certificate: the proof that this chip, with its PIN, is present.
    /// </summary>
    Task<ChipPresence> VerifyPinAndProveAsync(SecretEntry pin, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken);

    /// <summary>照合番号B's tries left (10 at most), asked without spending one.</summary>
    Task<PinStatus> GetCardFaceNumberStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// VERIFY of 照合番号B on the 券面事項確認AP under the same rules as a PIN, then EF 0002: only the photo (DF27) is
    /// kept, everything else wiped at once; the card-face signature checked where the issuer key is configured; the AP's
    /// own key signs <paramref name="challenge"/> and the signature is checked with the card-face public key.
    /// </summary>
    Task<CardFacePhoto> ReadCardFacePhotoAsync(SecretEntry cardFaceNumber, LastTryPolicy lastTry, ReadOnlyMemory<byte> challenge, CancellationToken cancellationToken);

    /// <summary>Reads the JPKI user-authentication certificate (fewest APDUs) and verifies it for JPKI authentication.</summary>
    Task<VerifiedAuthCertificate> ReadAuthCertificateAsync(CancellationToken cancellationToken);
}
