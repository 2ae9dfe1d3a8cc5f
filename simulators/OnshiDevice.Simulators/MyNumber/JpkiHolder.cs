namespace OnshiDevice.Simulators.MyNumber;

/// <summary>
/// The synthetic person a test card belongs to: what the signing certificate carries
/// (reference §10). None of it is a real person's data.
/// </summary>
public sealed record JpkiHolder(
    string Name,
    string NameInLatin,
    string Sex,
    string DateOfBirth,
    string Address,
    string Locality)
{
    /// <summary>試験 太郎, born 1980-02-17 (昭和 = era 3), living in a test address in Kiyose.</summary>
    public static JpkiHolder TestPerson { get; } = new(
        Name: "試験 太郎",
        NameInLatin: "SHIKEN TARO",
        Sex: "1",
        DateOfBirth: "319800217",
        Address: "東京都清瀬市試験町一丁目二番三号",
        Locality: "Kiyose-shi");
}
