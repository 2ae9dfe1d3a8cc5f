namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// Test-only misbehaviours, for checking that the product turns bad card answers into typed
/// errors. A real My Number card does none of these.
/// </summary>
public enum VirtualMyNumberCardFault
{
    None = 0,

    /// <summary>EF 000A holds the auth certificate with its outer DER length raised, so the header claims more bytes than the file has.</summary>
    AuthCertificateHeaderOverstatesLength,

    /// <summary>Every command is answered with <c>61 10</c> ("more data"), GET RESPONSE included, without end.</summary>
    MoreDataForever,

    /// <summary>The card presents an answer-to-reset that is not a valid ATR.</summary>
    GarbageAtr,

    /// <summary>The card face (EF 0002) carries a signature (DF28) made with a key that is not the test issuer's.</summary>
    CardFaceSignatureMismatch,

    /// <summary>The 券面事項確認AP signs a challenge with a key other than the one its card face (DF24) shows.</summary>
    CardFaceKeyMismatch,
}
