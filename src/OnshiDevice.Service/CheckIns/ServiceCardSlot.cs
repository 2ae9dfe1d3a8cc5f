using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Cards;
using OnshiDevice.Service.Errors;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// A face reader's card slot as the service drives it: each check-in card call is one <see cref="CardCallRunner"/>
/// transaction on the slot's PC/SC reader, under the same reader lock as the Cards RPCs, so a check-in and a Cards
/// call never interleave on one card.
/// </summary>
internal sealed class ServiceCardSlot(CardCallRunner runner, string readerName) : ICardSlotSession
{
    /// <summary>
    /// How long a call waits for PC/SC to see the card the face reader reported placed: pcsc-lite polls a reader every
    /// 400 ms, and vpcd's card arrives over TCP.
    /// </summary>
    internal static readonly TimeSpan CardArrival = TimeSpan.FromSeconds(2);

    public async Task<T> RunAsync<T>(Func<IApduChannel, CancellationToken, T> work, CardSlotEnd end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await runner.RunForServiceAsync(
                readerName,
                CardArrival,
                end == CardSlotEnd.ResetCard ? CardCallEnd.ResetCard : CardCallEnd.LeaveCard,
                (session, token) => work(session.Channel, token),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ReaderNotFoundException)
        {
            // The configured slot reader is not attached: a reader fault as the check-in sees it (health says which).
            throw new UnknownReaderException("PC/SC does not list the face reader's card slot reader.");
        }
    }
}
