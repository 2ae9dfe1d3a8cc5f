using CsCheck;
using Google.Protobuf;
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
    [InlineData(PinKind.JpkiAuthPin, "１２３４")]
    [InlineData(PinKind.JpkiAuthPin, "123")]
    [InlineData(PinKind.JpkiAuthPin, "")]
    [InlineData(PinKind.JpkiSigningPassword, "abc12")]
    [InlineData(PinKind.JpkiSigningPassword, "abc 123")]
    [InlineData(PinKind.JpkiSigningPassword, "ÄBC123")]
    [InlineData(PinKind.JpkiSigningPassword, "ABCDEFGHIJ1234567")]
    [InlineData(PinKind.HpkiSigningPin, "567")]
    [InlineData(PinKind.HpkiSigningPin, "56 78")]
    [InlineData(PinKind.HpkiAuthPin, "５６７８")]
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
}
