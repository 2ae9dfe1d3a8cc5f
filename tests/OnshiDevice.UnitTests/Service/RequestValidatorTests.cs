using CsCheck;
using Google.Protobuf;
using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Validation;

namespace OnshiDevice.UnitTests.Service;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData(PinKind.JpkiAuthPin, "0000", "0000")]
    [InlineData(PinKind.JpkiAuthPin, "1234", "1234")]
    [InlineData(PinKind.JpkiSigningPassword, "abc123", "ABC123")]
    [InlineData(PinKind.JpkiSigningPassword, "ABCDEFGHIJ123456", "ABCDEFGHIJ123456")]
    [InlineData(PinKind.HpkiSigningPin, "5678", "5678")]
    [InlineData(PinKind.HpkiAuthPin, "pass-WORD!~16chr", "pass-WORD!~16chr")]
    public void Well_formed_pins_pass_in_the_form_the_card_compares(PinKind kind, string pin, string expected)
    {
        Assert.Equal(expected, RequestValidator.Pin(kind, pin));
    }

    [Theory]
    [InlineData(PinKind.JpkiAuthPin, "12a4")]
    [InlineData(PinKind.JpkiAuthPin, "１２３")]
    [InlineData(PinKind.JpkiAuthPin, "123")]
    [InlineData(PinKind.JpkiAuthPin, "")]
    [InlineData(PinKind.JpkiSigningPassword, "abc12")]
    [InlineData(PinKind.JpkiSigningPassword, "abc 123")]
    [InlineData(PinKind.JpkiSigningPassword, "ÄBC123")]
    [InlineData(PinKind.JpkiSigningPassword, "ABCDEFGHIJ1234567")]
    [InlineData(PinKind.HpkiSigningPin, "567")]
    [InlineData(PinKind.HpkiSigningPin, "56 78")]
    [InlineData(PinKind.HpkiAuthPin, "①②③④")]
    [InlineData(PinKind.HpkiAuthPin, "12345678901234567")]
    public void Malformed_pins_are_refused_without_repeating_them(PinKind kind, string pin)
    {
        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Pin(kind, pin));

        Assert.Equal(ErrorReasons.InvalidPinFormat, refused.Reason);
        Assert.Equal("pin", refused.Field);
        if (pin.Length > 0)
        {
            Assert.DoesNotContain(pin, refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Any_pin_of_the_wrong_shape_is_refused_and_never_echoed()
    {
        Gen.String.Sample(pin =>
        {
            var wellFormed = pin.Length == 4 && pin.All(char.IsAsciiDigit);
            if (wellFormed)
            {
                Assert.Equal(pin, RequestValidator.Pin(PinKind.JpkiAuthPin, pin));
                return;
            }

            var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Pin(PinKind.JpkiAuthPin, pin));
            Assert.True(pin.Length < 3 || !refused.Message.Contains(pin, StringComparison.Ordinal));
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(64)]
    public void A_digest_must_be_exactly_32_bytes(int length)
    {
        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Sha256Digest(ByteString.CopyFrom(new byte[length])));
        Assert.Equal("sha256_digest", refused.Field);
    }

    [Fact]
    public void Unspecified_kinds_and_empty_readers_are_refused()
    {
        Assert.Throws<RequestValidationException>(() => RequestValidator.Reader(""));
        Assert.Throws<RequestValidationException>(() => RequestValidator.Reader("  "));
        Assert.Throws<RequestValidationException>(() => RequestValidator.PinKindOf(PinKind.Unspecified, "pin"));
        Assert.Throws<RequestValidationException>(() => RequestValidator.PinKindOf((PinKind)99, "pin"));
        Assert.Throws<RequestValidationException>(() => RequestValidator.CertificateKindOf(CertificateKind.Unspecified));
        Assert.Throws<RequestValidationException>(() => RequestValidator.KeyKindOf(KeyKind.Unspecified));
        Assert.Equal(32, RequestValidator.Sha256Digest(ByteString.CopyFrom(new byte[32])).Length);
    }

    [Fact]
    public void A_reader_name_is_at_most_256_characters_counted_as_code_points()
    {
        Assert.Equal(256, RequestValidator.Reader(new string('r', 256)).Length);
        Assert.Equal(512, RequestValidator.Reader(string.Concat(Enumerable.Repeat("\U0001F4B3", 256))).Length);

        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Reader(new string('r', 257)));
        Assert.Equal("reader", refused.Field);
        Assert.Equal(ErrorReasons.InvalidArgument, refused.Reason);
        Assert.DoesNotContain("rrrr", refused.Message, StringComparison.Ordinal);
        Assert.Throws<RequestValidationException>(() => RequestValidator.Reader(string.Concat(Enumerable.Repeat("\U0001F4B3", 257))));
    }

    [Theory]
    [InlineData("Card Reader\0")]
    [InlineData("Card\u0007Reader")]
    [InlineData("Card Reader\n")]
    [InlineData("Card\u0085Reader")]
    public void A_reader_name_with_control_characters_is_refused(string reader)
    {
        Assert.Equal("reader", Assert.Throws<RequestValidationException>(() => RequestValidator.Reader(reader)).Field);
    }

    [Fact]
    public void A_pin_longer_than_any_card_takes_is_a_pin_format_error_without_its_value()
    {
        foreach (var kind in new[] { PinKind.JpkiAuthPin, PinKind.JpkiSigningPassword, PinKind.HpkiSigningPin, PinKind.HpkiAuthPin })
        {
            var pin = new string('7', RequestValidator.MaxPinLength + 1) + new string('8', 100_000);
            var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Pin(kind, pin));

            Assert.Equal(ErrorReasons.InvalidPinFormat, refused.Reason);
            Assert.Equal("pin", refused.Field);
            Assert.DoesNotContain("7777", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_garbage_intermediate_is_named_by_its_index()
    {
        var intermediates = new[] { ByteString.CopyFrom(OnshiDevice.UnitTests.Pki.TestPki.CaCertificate), ByteString.CopyFrom(0x30, 0x03, 0x02, 0x01, 0x00) };

        var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Intermediates(intermediates));

        Assert.Equal("intermediates[1]", refused.Field);
        Assert.Equal(ErrorReasons.InvalidArgument, refused.Reason);
        Assert.Single(RequestValidator.Intermediates(intermediates[..1]));
    }

    [Fact]
    public void The_validator_accepts_exactly_the_pins_the_card_layer_accepts_in_the_form_the_card_compares()
    {
        var characters = Gen.OneOf(Gen.Char['0', '9'], Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['!', '~'], Gen.Const(' '), Gen.Char['\u0080', '\uFFFF']);
        var kinds = Gen.Int[0, 3].Select(index => new[] { PinKind.JpkiAuthPin, PinKind.JpkiSigningPassword, PinKind.HpkiSigningPin, PinKind.HpkiAuthPin }[index]);
        Gen.Select(kinds, characters.Array[1, RequestValidator.MaxPinLength]).Sample((kind, pinCharacters) =>
        {
            var pin = new string(pinCharacters);
            var format = kind switch
            {
                PinKind.JpkiAuthPin => PinFormat.JpkiAuthPin,
                PinKind.JpkiSigningPassword => PinFormat.JpkiSigningPassword,
                _ => PinFormat.Hpki,
            };
            byte[]? cardBytes = null;
            string? cardMessage = null;
            try
            {
                cardBytes = format.Encode(pin);
            }
            catch (InvalidPinFormatException invalid)
            {
                cardMessage = invalid.Message;
            }

            if (cardBytes is null)
            {
                var refused = Assert.Throws<RequestValidationException>(() => { RequestValidator.Pin(kind, pin); });
                Assert.Equal(ErrorReasons.InvalidPinFormat, refused.Reason);
                Assert.Equal(cardMessage, refused.Description);
            }
            else
            {
                Assert.Equal(cardBytes, System.Text.Encoding.ASCII.GetBytes(RequestValidator.Pin(kind, pin)));
            }
        }, iter: 2000);
    }

    [Fact]
    public void The_longest_pin_the_validator_lets_through_is_the_longest_any_card_format_takes()
    {
        var longest = new[] { PinFormat.JpkiAuthPin, PinFormat.JpkiSigningPassword, PinFormat.Hpki }.Max(format => format.MaxLength);
        Assert.True(longest == RequestValidator.MaxPinLength, $"the longest card format takes {longest} characters");
    }

    [Fact]
    public void A_pin_of_an_unspecified_kind_is_a_request_error_never_some_other_kinds_rule()
    {
        foreach (var kind in new[] { PinKind.Unspecified, (PinKind)99 })
        {
            var refused = Assert.Throws<RequestValidationException>(() => RequestValidator.Pin(kind, "1234"));
            Assert.Equal("pin_kind", refused.Field);
        }
    }
}
