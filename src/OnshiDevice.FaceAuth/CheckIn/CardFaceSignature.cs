namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>The check of the card-face signature (DF28) over the photo and the facts it covers.</summary>
public enum CardFaceSignature
{
    /// <summary>No issuer key is configured, so the signature was not checked.</summary>
    NotChecked = 1,

    /// <summary>The issuer's signature is good.</summary>
    Valid = 2,

    /// <summary>The signature does not verify with the configured issuer key: the card face is not the issuer's.</summary>
    Invalid = 3,
}
