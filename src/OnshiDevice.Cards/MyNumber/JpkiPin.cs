namespace OnshiDevice.Cards.MyNumber;

public enum JpkiPin
{
    /// <summary>利用者証明用暗証番号 (EF 0018): 4 digits, 3 tries.</summary>
    AuthPin,

    /// <summary>署名用パスワード (EF 001B): 6-16 characters A-Z 0-9, 5 tries.</summary>
    SigningPassword,
}
