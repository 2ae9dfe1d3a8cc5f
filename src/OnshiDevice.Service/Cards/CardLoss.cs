using OnshiDevice.Cards.Errors;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Cards;

/// <summary>
/// The one rule that tells a card taken off the reader from a broken card: a card call that fails once it has its
/// connection is CARD_REMOVED when the card is no longer there, whatever the failure looked like. A removal
/// surfaces in many shapes: SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD, a communication error or an empty response
/// while pcscd has not yet polled the reader, a reset seen by the next command, or a truncated answer the card
/// layer rejects. Only the reader's word (<see cref="CardConnection.CardLeft"/>) decides.
/// </summary>
internal static class CardLoss
{
    /// <summary>
    /// How long a transport failure waits for PC/SC to report the card gone: pcsc-lite polls a reader every
    /// 400 ms, and a loaded machine is late, so a bit over two polls.
    /// </summary>
    public static readonly TimeSpan TransportSettleTime = TimeSpan.FromMilliseconds(1000);

    /// <summary>The failure as the caller should hear it: <see cref="CardRemovedException"/> when the card left, else null (rethrow the failure).</summary>
    public static CardRemovedException? Explain(Exception failure, CardConnection connection) => SettleTimeFor(failure) is { } settle && connection.CardLeft(settle)
        ? new CardRemovedException("The card left the reader during the call.", failure)
        : null;

    /// <summary>How long to wait for PC/SC to notice a removal; null when the failure cannot be a removal.</summary>
    private static TimeSpan? SettleTimeFor(Exception failure) => failure switch
    {
        // SCARD_W_REMOVED_CARD already says it; SCARD_E_NO_SMARTCARD mid-call would read as "no card" (NO_CARD).
        CardRemovedException { ErrorCode: PcscErrorCode.NoSmartcard } => TimeSpan.Zero,
        CardRemovedException => null,

        // Failures that say something else for sure: PC/SC went away, the reader went away, another holder, a cancel.
        PcscServiceUnavailableException or UnknownReaderException or NoReadersException or SharingViolationException or PcscCancelledException => null,

        // The transport failed (communication error, unresponsive, reset, empty response): pcscd may not know yet.
        PcscException => TransportSettleTime,

        // An answer the card layer could not use: a removal would have cut the exchange, so PC/SC knows already.
        CardProtocolException or Iso7816Exception => TimeSpan.Zero,
        _ => null,
    };
}
