namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// The ready-made test cards, issued from the deterministic <see cref="TestJpkiHierarchy.Default"/>.
/// Every call returns a fresh card (full state, fresh counters); certificates and keys are the
/// same bytes on every call and every run.
/// </summary>
public static class VirtualMyNumberCards
{
    public const string AuthPin = "1234";
    public const string SigningPassword = "ABC123";

    /// <summary>
    /// 照合番号B of every ready-made card's 券面事項確認AP: 和暦 birth date 550217 (昭和55-02-17, the 1980-02-17 on the
    /// card face), expiry year 2030 and security code 2285.
    /// </summary>
    public const string CardFaceNumberB = "55021720302285";

    /// <summary>Validity of the current cards: about five years, ending on the holder's birthday (reference §10).</summary>
    public static readonly DateTime ValidFrom = new(2025, 10, 27, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime ValidUntil = new(2030, 2, 17, 14, 59, 59, DateTimeKind.Utc);

    /// <summary>Validity of <see cref="Expired"/>: ended in 2020.</summary>
    public static readonly DateTime ExpiredFrom = new(2015, 10, 27, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime ExpiredUntil = new(2020, 2, 17, 14, 59, 59, DateTimeKind.Utc);

    public static JpkiCardCredentials StandardCredentials => Credentials("standard", ValidFrom, ValidUntil);

    public static JpkiCardCredentials ExpiredCredentials => Credentials("expired", ExpiredFrom, ExpiredUntil);

    public static JpkiCardCredentials AuthPinBlockedCredentials => Credentials("auth-pin-blocked", ValidFrom, ValidUntil);

    public static JpkiCardCredentials OneTryFromBlockingCredentials => Credentials("one-try", ValidFrom, ValidUntil);

    public static VirtualMyNumberCard Standard() =>
        new(StandardCredentials, AuthPin, SigningPassword, VirtualMyNumberCard.AuthPinMaximumTries, VirtualMyNumberCard.SigningPasswordMaximumTries);

    /// <summary>A card whose certificates expired on <see cref="ExpiredUntil"/>; PINs and counters as <see cref="Standard"/>.</summary>
    public static VirtualMyNumberCard Expired() =>
        new(ExpiredCredentials, AuthPin, SigningPassword, VirtualMyNumberCard.AuthPinMaximumTries, VirtualMyNumberCard.SigningPasswordMaximumTries);

    /// <summary>The auth PIN has no tries left; the signing password is untouched.</summary>
    public static VirtualMyNumberCard AuthPinBlocked() =>
        new(AuthPinBlockedCredentials, AuthPin, SigningPassword, 0, VirtualMyNumberCard.SigningPasswordMaximumTries);

    /// <summary>One auth-PIN try and one signing-password try left.</summary>
    public static VirtualMyNumberCard OneTryFromBlocking() =>
        new(OneTryFromBlockingCredentials, AuthPin, SigningPassword, 1, 1);

    /// <summary>A standard card whose 照合番号B has <paramref name="triesLeft"/> tries left (0 blocks it).</summary>
    public static VirtualMyNumberCard CardFaceNumberBTriesLeft(int triesLeft) =>
        new(StandardCredentials, AuthPin, SigningPassword, VirtualMyNumberCard.AuthPinMaximumTries, VirtualMyNumberCard.SigningPasswordMaximumTries, cardFaceNumberBTriesLeft: triesLeft);

    /// <summary>
    /// A card whose JPKI auth PIN is not usable (never set at issue, or locked): it answers as blocked, so a check-in
    /// can only go through the card face (照合番号B), which is untouched. The signing password is as on <see cref="Standard"/>.
    /// </summary>
    public static VirtualMyNumberCard WithoutJpkiPin() =>
        new(AuthPinBlockedCredentials, AuthPin, SigningPassword, 0, VirtualMyNumberCard.SigningPasswordMaximumTries);

    /// <summary>The issuer public key that checks every ready-made card's card-face signature (DF28), DER SubjectPublicKeyInfo.</summary>
    public static byte[] CardFaceIssuerPublicKeyInfo =>
        Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(
            new Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters(false, CardFace.VirtualCardFace.IssuerKey.Modulus, CardFace.VirtualCardFace.IssuerKey.PublicExponent)).GetDerEncoded();

    /// <summary>The card-face photo every ready-made card carries (DF27, JPEG 2000).</summary>
    public static byte[] CardFacePhoto => CardFace.SimulatedFacePhoto.Jpeg2000;

    /// <summary>A standard card with chosen credentials and counters, for tests that need other values.</summary>
    public static VirtualMyNumberCard Custom(string authPin, string signingPassword, int authTriesLeft, int signingTriesLeft)
    {
        ArgumentNullException.ThrowIfNull(authPin);
        ArgumentNullException.ThrowIfNull(signingPassword);
        return new(StandardCredentials, authPin, signingPassword, authTriesLeft, signingTriesLeft);
    }

    /// <summary>TEST ONLY: a standard card that misbehaves as <paramref name="fault"/> says. No real card does.</summary>
    public static VirtualMyNumberCard WithFault(VirtualMyNumberCardFault fault) =>
        new(StandardCredentials, AuthPin, SigningPassword, VirtualMyNumberCard.AuthPinMaximumTries, VirtualMyNumberCard.SigningPasswordMaximumTries, fault);

    private static JpkiCardCredentials Credentials(string label, DateTime notBefore, DateTime notAfter) =>
        TestJpkiHierarchy.Default.Card(label, JpkiHolder.TestPerson, notBefore, notAfter);
}
