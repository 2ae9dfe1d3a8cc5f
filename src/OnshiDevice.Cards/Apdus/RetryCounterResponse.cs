using OnshiDevice.Iso7816;

namespace OnshiDevice.Cards.Apdus;

/// <summary>
/// The answer to <see cref="VerifyCommand.QueryRetryCounter(byte)"/>, a VERIFY without data that
/// spends no try. Owns the status-word map of the query for every card.
/// </summary>
public sealed class RetryCounterResponse
{
    private static readonly StatusWord IncorrectData = new(0x6A, 0x80);
    private static readonly StatusWord FunctionNotSupported = new(0x6A, 0x81);
    private static readonly StatusWord ReferencedDataNotFound = new(0x6A, 0x88);

    public RetryCounterResponse(ResponseApdu response)
    {
        ArgumentNullException.ThrowIfNull(response);
        StatusWord = response.StatusWord;
        (Outcome, TriesLeft) = Map(StatusWord);
    }

    public StatusWord StatusWord { get; }

    public RetryCounterOutcome Outcome { get; }

    /// <summary>The count of a <see cref="RetryCounterOutcome.Counted"/> answer (0 to 15); null for every other outcome.</summary>
    public int? TriesLeft { get; }

    private static (RetryCounterOutcome Outcome, int? TriesLeft) Map(StatusWord statusWord)
    {
        if (statusWord.IsVerificationCounter)
        {
            return (RetryCounterOutcome.Counted, statusWord.Counter);
        }

        if (statusWord.IsSuccess)
        {
            return (RetryCounterOutcome.AlreadyVerified, null);
        }

        if (statusWord == StatusWord.AuthenticationMethodBlocked || statusWord == StatusWord.ReferencedDataBlocked)
        {
            return (RetryCounterOutcome.Blocked, null);
        }

        return IsQueryRejected(statusWord) ? (RetryCounterOutcome.QueryRejected, null) : (RetryCounterOutcome.Unexpected, null);
    }

    private static bool IsQueryRejected(StatusWord statusWord) =>
        statusWord == StatusWord.WrongLength
        || statusWord == StatusWord.IncorrectP1P2
        || statusWord == StatusWord.WrongParameters
        || statusWord == StatusWord.InstructionNotSupported
        || statusWord == FunctionNotSupported
        || statusWord == IncorrectData
        || statusWord == ReferencedDataNotFound
        || statusWord == VerifyResponse.WrongPinWithoutCount;
}
