namespace OnshiDevice.Cards;

public enum CardType
{
    Unknown,

    /// <summary>マイナンバーカード: answers SELECT of the JPKI application.</summary>
    MyNumber,

    /// <summary>医師資格証: answers SELECT of the HPKI signing or authentication application.</summary>
    Hpki,
}
