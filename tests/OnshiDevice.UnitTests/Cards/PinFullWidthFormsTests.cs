using CsCheck;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>
/// A PIN typed with the Japanese input method on (full-width ０１２３, ＡＢＣ) is the PIN it stands for; nothing else
/// gets into a PIN through that reading: not superscripts, circled or mathematical digits, other scripts' digits.
/// </summary>
public sealed class PinFullWidthFormsTests
{
    private const int FullWidthDistance = 0xFF01 - '!';

    // Characters a compatibility normalisation (NFKC) maps to an accepted ASCII character, or that look like one:
    // none of them may be read as part of a PIN.
    private static readonly char[] LookAlikes =
    [
        '\u00B2', '\u00B3', '\u00B9', '\u2070', '\u2074', '\u2081', // superscripts and subscripts (NFKC: 2, 3, 1, 0, 4, 1)
        '\u2460', '\u2474', '\u2488', '\u24B6', // circled, parenthesised and full-stop digits, circled A
        '\u0661', '\u06F3', '\u0967', '\u0E51', '\u1811', // Arabic-Indic, extended Arabic-Indic, Devanagari, Thai, Mongolian digits
        '\u2160', '\u216B', '\uFB01', '\u212A', '\u2126', // Roman numerals, the fi ligature, the Kelvin and ohm signs
        '\uFF71', '\uFF9E', '\uFFE0', '\uFFE5', '\uFF5F', '\uFF00', // half-width katakana, full-width signs outside FF01-FF5E
        '\u3000', '\u00A0', '\u2007', '\u200B', '\u3007', '\u4E00', // spaces, ideographic zero and one
    ];

    private static readonly Gen<char> LookAlike = Gen.Int[0, LookAlikes.Length - 1].Select(index => LookAlikes[index]);

    private static readonly (PinFormat Format, Gen<string> Valid)[] Formats =
    [
        (PinFormat.JpkiAuthPin, Gen.Char['0', '9'].Array[4].Select(chars => new string(chars))),
        (PinFormat.JpkiSigningPassword, Gen.OneOf(Gen.Char['A', 'Z'], Gen.Char['a', 'z'], Gen.Char['0', '9']).Array[6, 16].Select(chars => new string(chars))),
        (PinFormat.Hpki, Gen.Char['!', '~'].Array[4, 16].Select(chars => new string(chars))),
    ];

    [Fact]
    public void The_full_width_form_of_a_valid_PIN_is_accepted_as_the_half_width_PIN() =>
        Gen.Int[0, Formats.Length - 1].SelectMany(index => Formats[index].Valid.SelectMany(pin => Gen.Bool.Array[pin.Length].Select(wide => (index, pin, wide))))
            .Sample(sample =>
            {
                var (index, pin, wide) = sample;
                var typed = new string(pin.Select((character, position) => wide[position] ? (char)(character + FullWidthDistance) : character).ToArray());
                var format = Formats[index].Format;

                Assert.Equal(format.Canonical(pin), format.Canonical(typed));
                Assert.Equal(format.Encode(pin), format.Encode(typed));
            });

    [Fact]
    public void A_look_alike_character_in_an_otherwise_valid_PIN_is_refused() =>
        Gen.Int[0, Formats.Length - 1].SelectMany(index => Formats[index].Valid.SelectMany(pin =>
                Gen.Select(Gen.Int[0, pin.Length - 1], LookAlike, (position, lookAlike) => (index, typed: pin[..position] + lookAlike + pin[(position + 1)..]))))
            .Sample(sample =>
            {
                var exception = Assert.Throws<InvalidPinFormatException>(() => Formats[sample.index].Format.Encode(sample.typed));
                Assert.DoesNotContain(sample.typed, exception.Message, StringComparison.Ordinal);
            });

    [Fact]
    public void Whatever_is_typed_an_accepted_PIN_came_only_from_allowed_characters_and_their_full_width_forms() =>
        Gen.Int[0, Formats.Length - 1].Select(Gen.OneOf(
                Gen.String,
                Gen.Char['\uFF00', '\uFF70'].Array[0, 17].Select(chars => new string(chars)),
                Gen.OneOf(Gen.Char['!', '~'], Gen.Char['\uFF01', '\uFF5E'], LookAlike).Array[0, 17].Select(chars => new string(chars))))
            .Sample((index, typed) =>
            {
                var format = Formats[index].Format;
                string canonical;
                try
                {
                    canonical = format.Canonical(typed);
                }
                catch (InvalidPinFormatException)
                {
                    return;
                }

                var halfWidth = new string(typed.Select(character => character is >= '\uFF01' and <= '\uFF5E' ? (char)(character - FullWidthDistance) : character).ToArray());
                Assert.All(halfWidth, character => Assert.InRange(character, '!', '~'));
                Assert.Equal(format.Canonical(halfWidth), canonical);
            });

    [Theory]
    [InlineData("０１２３", "0123")]
    [InlineData("１２3４", "1234")]
    public void Full_width_digits_are_the_auth_PIN_they_stand_for(string typed, string pin) =>
        Assert.Equal(pin, PinFormat.JpkiAuthPin.Canonical(typed));

    [Fact]
    public void A_full_width_lower_case_signing_password_is_upper_cased_like_a_half_width_one() =>
        Assert.Equal("ABC123", PinFormat.JpkiSigningPassword.Canonical("ａｂｃ１２３"));

    [Theory]
    [InlineData("²³⁴¹")]
    [InlineData("١٢٣٤")]
    [InlineData("①②③④")]
    [InlineData("１２　４")]
    public void Digits_that_are_not_0_to_9_or_their_full_width_forms_are_refused_with_the_rule(string typed)
    {
        var exception = Assert.Throws<InvalidPinFormatException>(() => PinFormat.JpkiAuthPin.Encode(typed));

        Assert.Equal("The auth PIN is 4 digits 0-9.", exception.Message);
    }

    [Fact]
    public void A_refused_signing_password_says_which_characters_are_allowed() =>
        Assert.Contains("6 to 16 of A-Z and 0-9", Assert.Throws<InvalidPinFormatException>(() => PinFormat.JpkiSigningPassword.Encode("ABC-123")).Message, StringComparison.Ordinal);
}
