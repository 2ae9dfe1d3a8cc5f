using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// The answer to a VERIFY that carried a PIN (ISO/IEC 7816-4 §11.5.6; mynumber-card.md status words,
/// hpki-card.md A.1.5). Owns the status-word map, so every card reads a VERIFY the same way.
/// </summary>
public sealed class VerifyResponse
{
    /// <summary>6300: a wrong PIN from a card that does not count out loud (JAHIS C.3.4).</summary>
    public static readonly StatusWord WrongPinWithoutCount = new(0x63, 0x00);

    public VerifyResponse(ResponseApdu response)
    {
        ArgumentNullException.ThrowIfNull(response);
        StatusWord = response.StatusWord;
        (Outcome, TriesLeft) = Map(StatusWord);
    }

    public StatusWord StatusWord { get; }

    public VerifyOutcome Outcome { get; }

    /// <summary>Tries left after an <see cref="VerifyOutcome.Incorrect"/> answer; null when the card answered 6300, and for every other outcome.</summary>
    public int? TriesLeft { get; }

    private static (VerifyOutcome Outcome, int? TriesLeft) Map(StatusWord statusWord)
    {
        if (statusWord.IsSuccess)
        {
            return (VerifyOutcome.Verified, null);
        }

        if (statusWord.IsVerificationCounter)
        {
            return statusWord.Counter > 0 ? (VerifyOutcome.Incorrect, statusWord.Counter) : (VerifyOutcome.Blocked, null);
        }

        if (statusWord == WrongPinWithoutCount)
        {
            return (VerifyOutcome.Incorrect, null);
        }

        if (statusWord == StatusWord.AuthenticationMethodBlocked || statusWord == StatusWord.ReferencedDataBlocked)
        {
            return (VerifyOutcome.Blocked, null);
        }

        return (VerifyOutcome.Rejected, null);
    }
}
