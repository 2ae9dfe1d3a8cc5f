using OnshiDevice.Cards.Apdus;
using OnshiDevice.Cards.Pins;

namespace OnshiDevice.Cards.CardFace;

/// <summary>
/// 照合番号B for <see cref="PinVerification"/>: the key's EF is selected, VERIFY names the current EF (P2 80), and the
/// card answers the data-less VERIFY with its count like the JPKI AP does, so a refused query is a broken card.
/// </summary>
internal static class CardFacePinProfiles
{
    public static PinProfile NumberB { get; } =
        new("照合番号B", PinFormat.CardFaceNumberB, CardFaceAp.NumberBKey, VerifyCommand.CurrentEf, CardFaceAp.NumberBMaxTries, ReportsTriesWithoutSpending: true);
}
