namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// The 券面事項確認AP of the My Number card (mynumber-card.md §6): its AID, the files and keys this service touches,
/// and the retry limit of 照合番号B. The card-face file is opened by 照合番号B only; 照合番号A (the 個人番号) and
/// the rendered 個人番号 file are never used.
/// </summary>
public static class CardFaceAp
{
    /// <summary>EF 0002: the card face (birth date, sex, public key, name and address images, photo, signature, expiry).</summary>
    public const ushort CardFaceFile = 0x0002;

    /// <summary>Key 0012: 照合番号B (14 digits: 和暦 birth date YYMMDD, expiry year, 4-digit security code).</summary>
    public const ushort NumberBKey = 0x0012;

    /// <summary>照合番号B allows 10 tries before the key blocks.</summary>
    public const int NumberBMaxTries = 10;

    /// <summary>P2 of COMPUTE DIGITAL SIGNATURE naming the AP's own (default) key, which needs no credential.</summary>
    public const byte DefaultKeyReference = 0x00;

    /// <summary>D3 92 10 00 31 00 01 01 04 02, selected by name; cards are told apart by AID, never by ATR.</summary>
    public static CardApplication Application { get; } = new(CardType.MyNumber, "券面事項確認AP", Convert.FromHexString("D3921000310001010402"));
}
