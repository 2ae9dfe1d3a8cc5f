namespace OnshiDevice.Cards.MyNumber;

public enum JpkiKey
{
    /// <summary>EF 0017, unlocked by the auth PIN.</summary>
    AuthKey,

    /// <summary>EF 001A, unlocked by the signing password.</summary>
    SigningKey,
}
