using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Cards.CardFace;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.MyNumber;

namespace OnshiDevice.Cards.Pins;

/// <summary>
/// The format rule of one kind of PIN, the one every caller checks against: the card layer before a
/// VERIFY, the service's request validation before a card is touched. The rules themselves are
/// <see cref="JpkiPinFormat"/> and <see cref="HpkiPinFormat"/>; a wrong value is an
/// <see cref="Errors.InvalidPinFormatException"/> whose message states the rule, never the value.
/// Full-width forms (the Japanese input method left on: ０１２３) are read as the ASCII characters they
/// stand for before the rule is checked (<see cref="FullWidthForms"/>), here, so every caller does the same.
/// </summary>
public sealed class PinFormat
{
    private readonly Encoder _encode;

    private PinFormat(string name, int maxLength, Encoder encode)
    {
        Name = name;
        MaxLength = maxLength;
        _encode = encode;
    }

    /// <summary>利用者証明用暗証番号: exactly 4 digits.</summary>
    public static PinFormat JpkiAuthPin { get; } = new("JPKI auth PIN", JpkiPinFormat.AuthPinLength, value => JpkiPinFormat.Encode(JpkiPin.AuthPin, value));

    /// <summary>署名用パスワード: 6 to 16 characters A-Z 0-9, a-z upper-cased.</summary>
    public static PinFormat JpkiSigningPassword { get; } =
        new("JPKI signing password", JpkiPinFormat.SigningPasswordMaxLength, value => JpkiPinFormat.Encode(JpkiPin.SigningPassword, value));

    /// <summary>The PIN of either HPKI application: 4 to 16 printable ASCII characters.</summary>
    public static PinFormat Hpki { get; } = new("HPKI PIN", HpkiPinFormat.MaxLength, HpkiPinFormat.Encode);

    /// <summary>照合番号B of the 券面事項確認AP: exactly 14 digits.</summary>
    public static PinFormat CardFaceNumberB { get; } = new("照合番号B", CardFaceNumberBFormat.Length, CardFaceNumberBFormat.Encode);

    // A span, not a string, so an entry's characters can live in a buffer that is wiped after the check.
    private delegate byte[] Encoder(ReadOnlySpan<char> value);

    public string Name { get; }

    /// <summary>The longest value the rule accepts.</summary>
    public int MaxLength { get; }

    /// <summary>The format of a JPKI PIN; an undefined value is an error, never some other PIN's rule.</summary>
    public static PinFormat For(JpkiPin pin) => pin switch
    {
        JpkiPin.AuthPin => JpkiAuthPin,
        JpkiPin.SigningPassword => JpkiSigningPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(pin), pin, "Unknown PIN."),
    };

    /// <summary>Reads full-width forms as ASCII, checks the result and returns the bytes the card compares; the caller clears them after use.</summary>
    public byte[] Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _encode(FullWidthForms.ToHalfWidth(value));
    }

    /// <summary>
    /// The same rule for a secret a device entered (<see cref="SecretEntry"/>, ASCII bytes): checks it and returns
    /// the bytes the card compares in a buffer of their own; the caller clears them after use. A byte outside ASCII
    /// is a character no rule accepts, so the rule refuses it.
    /// </summary>
    public byte[] Encode(SecretEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = entry.Bytes;
        var characters = new char[bytes.Length];
        try
        {
            for (var index = 0; index < bytes.Length; index++)
            {
                characters[index] = (char)bytes[index];
            }

            return _encode(characters);
        }
        finally
        {
            Array.Clear(characters);
        }
    }

    /// <summary>Checks <paramref name="value"/> and returns it in the form the card compares (half-width, the signing password upper-cased).</summary>
    public string Canonical(string value)
    {
        var bytes = Encode(value);
        try
        {
            return Encoding.ASCII.GetString(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
