using CsCheck;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.UnitTests.Simulators;

public sealed class SensitiveTextScannerTests
{
    private static readonly SensitiveTextScanner Catalogue = SensitiveTextScanner.ForCatalogueCards();

    [Theory]
    [InlineData("VERIFY with PIN 1234 on reader 0", "the My Number cards' auth PIN")]
    [InlineData("pin=1234.", "the My Number cards' auth PIN")]
    [InlineData("password abc123 upper-cased", "the My Number cards' signing password")]
    [InlineData("APDU 00200080043132333490", "the My Number cards' auth PIN (as hex)")]
    [InlineData("subject CN=SHIKEN TARO, L=Kiyose-shi, C=JP", "the JPKI holder's name")]
    [InlineData("住所: 東京都清瀬市試験町一丁目二番三号", "the JPKI holder's address")]
    [InlineData("born 1980-02-17", "the JPKI holder's date of birth")]
    [InlineData("hpki 5678 verified", "the HPKI cards' PIN")]
    public void Finds_a_catalogue_secret_or_personal_datum_as_a_whole_token(string line, string label)
    {
        Assert.Contains(label, Catalogue.Find(line));
    }

    [Theory]
    [InlineData("listening on http://127.0.0.1:51234")]
    [InlineData("read 12345 bytes")]
    [InlineData("elapsed 0.1234 ms")]
    [InlineData("1,234 entries")]
    [InlineData("1234.5 ms")]
    [InlineData("serial 1234AB")]
    [InlineData("password ABC1234")]
    public void Does_not_find_a_pin_inside_a_longer_token(string line)
    {
        Assert.Empty(Catalogue.Find(line));
    }

    [Fact]
    public void Finds_a_pin_a_test_added_and_ignores_ones_too_short_to_mean_anything()
    {
        var scanner = new SensitiveTextScanner();
        scanner.AddSecret("9081", "a test PIN");
        scanner.AddSecret("12", "too short");

        Assert.Equal(["a test PIN"], scanner.Find("wrong PIN 9081 sent"));
        Assert.Empty(scanner.Find("12 readers, 12 cards"));
    }

    [Fact]
    public void Reports_what_was_found_never_the_value()
    {
        Assert.All(Catalogue.Find($"{VirtualMyNumberCards.AuthPin} {JpkiHolder.TestPerson.NameInLatin}"), label =>
        {
            Assert.DoesNotContain(VirtualMyNumberCards.AuthPin, label, StringComparison.Ordinal);
            Assert.DoesNotContain(JpkiHolder.TestPerson.NameInLatin, label, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void A_pin_between_any_separators_is_found_and_glued_to_letters_or_digits_is_not()
    {
        var separator = Gen.Char[" \t:=;()[]{}\"'/|-_<>"];
        var glue = Gen.Char["0123456789abcdefXYZ"];
        Gen.Select(separator, separator, glue).Sample((before, after, glued) =>
        {
            var pin = VirtualMyNumberCards.AuthPin;
            Assert.NotEmpty(Catalogue.Find($"x{before}{pin}{after}y"));
            Assert.Empty(Catalogue.Find($"x{before}{pin}{glued}{after}"));
            Assert.Empty(Catalogue.Find($"x{glued}{pin}{after}"));
        });
    }
}
