using CsCheck;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Hpki;

namespace OnshiDevice.UnitTests.Cards.Hpki;

public sealed class HpkiPinFormatTests
{
    [Fact]
    public void Any_string_is_either_its_own_ASCII_bytes_within_the_rule_or_a_format_error_that_does_not_echo_it() =>
        Gen.OneOf(Gen.String, Gen.String[Gen.Char['\x1F', '\x80'], 0, 20]).Sample(value =>
        {
            try
            {
                var bytes = HpkiPinFormat.Encode(value);
                Assert.InRange(bytes.Length, HpkiPinFormat.MinLength, HpkiPinFormat.MaxLength);
                Assert.All(bytes, b => Assert.InRange(b, (byte)0x21, (byte)0x7E));
                Assert.Equal(value, string.Concat(bytes.Select(b => (char)b)));
            }
            catch (InvalidPinFormatException exception)
            {
                Assert.True(
                    value.Length is < HpkiPinFormat.MinLength or > HpkiPinFormat.MaxLength || value.Any(c => c is < '\x21' or > '\x7E'),
                    "A PIN within the rule was refused.");
                if (value.Length >= HpkiPinFormat.MinLength)
                {
                    Assert.DoesNotContain(value, exception.Message, StringComparison.Ordinal);
                }
            }
        });

    [Fact]
    public void A_null_PIN_is_an_argument_error() => Assert.Throws<ArgumentNullException>(() => HpkiPinFormat.Encode(null!));
}
