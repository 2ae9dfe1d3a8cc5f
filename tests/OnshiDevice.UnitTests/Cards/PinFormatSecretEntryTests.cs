using OnshiDevice.Cards.Errors;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>A secret a device entered goes through the same format rules as a typed one.</summary>
public sealed class PinFormatSecretEntryTests
{
    [Theory]
    [InlineData(new byte[] { 0x31, 0x32, 0x33, 0x34 }, true)]
    [InlineData(new byte[] { 0x31, 0x32, 0x33 }, false)]
    [InlineData(new byte[] { 0x31, 0x32, 0x33, 0xB3 }, false)] // a Latin-1 '³' is no digit
    [InlineData(new byte[] { 0x31, 0x32, 0x33, 0x41 }, false)]
    public void The_auth_PIN_rule_applies_to_an_entry(byte[] ascii, bool accepted)
    {
        using var entry = SecretEntry.Copy(ascii);

        if (accepted)
        {
            Assert.Equal(ascii, PinFormat.JpkiAuthPin.Encode(entry));
        }
        else
        {
            Assert.Throws<InvalidPinFormatException>(() => PinFormat.JpkiAuthPin.Encode(entry));
        }
    }

    [Fact]
    public void The_signing_password_from_an_entry_is_upper_cased_like_a_typed_one()
    {
        using var entry = SecretEntry.Copy("abc123"u8);

        Assert.Equal("ABC123"u8.ToArray(), PinFormat.JpkiSigningPassword.Encode(entry));
    }

    [Fact]
    public void Number_B_is_14_digits()
    {
        using var good = SecretEntry.Copy("55021720302285"u8);
        using var tooShort = SecretEntry.Copy("5502172030228"u8);

        Assert.Equal("55021720302285"u8.ToArray(), PinFormat.CardFaceNumberB.Encode(good));
        Assert.Throws<InvalidPinFormatException>(() => PinFormat.CardFaceNumberB.Encode(tooShort));
    }

    [Fact]
    public void A_disposed_entry_cannot_be_encoded()
    {
        var entry = SecretEntry.Copy("1234"u8);
        entry.Dispose();

        Assert.Throws<ObjectDisposedException>(() => PinFormat.JpkiAuthPin.Encode(entry));
    }
}
