using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.Cards.MyNumber;

/// <summary>
/// The JPKI PINs for <see cref="PinVerification"/>: VERIFY P2 80 against the PIN's EF, and the card
/// always answers the data-less VERIFY with its count (63Cx, even after a successful VERIFY), so a
/// refused query is a broken card, never an unknown count.
/// </summary>
internal static class JpkiPinProfiles
{
    public static PinProfile AuthPin { get; } =
        new("JPKI auth PIN", PinFormat.JpkiAuthPin, JpkiFiles.AuthPin, VerifyCommand.CurrentEf, JpkiFiles.AuthPinMaxTries, ReportsTriesWithoutSpending: true);

    public static PinProfile SigningPassword { get; } =
        new("JPKI signing password", PinFormat.JpkiSigningPassword, JpkiFiles.SigningPassword, VerifyCommand.CurrentEf, JpkiFiles.SigningPasswordMaxTries, ReportsTriesWithoutSpending: true);

    public static PinProfile For(JpkiPin pin) => pin switch
    {
        JpkiPin.AuthPin => AuthPin,
        JpkiPin.SigningPassword => SigningPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(pin), pin, "Unknown PIN."),
    };
}
