using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;

namespace OnshiDevice.TestSupport;

/// <summary>
/// A face reader's card slot straight on a PC/SC binding (the real pcscd, the simulator), without the service: one
/// connection and transaction per call. The reader reports the card placed before pcscd notices it, so a call waits a
/// little for the card to be there (the service's own slot session does the same through its reader hub).
/// </summary>
public sealed class PcscCardSlot(IPcscApi api, string reader) : ICardSlotSession
{
    private static readonly TimeSpan CardArrival = TimeSpan.FromSeconds(3);

    public Task<T> RunAsync<T>(Func<IApduChannel, CancellationToken, T> work, CardSlotEnd end, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            using var context = PcscContext.Establish(api);
            using var connection = Connect(context, cancellationToken);
            using var transaction = connection.BeginTransaction();
            var result = work(ApduChannels.Over(connection), cancellationToken);
            transaction.End(end == CardSlotEnd.ResetCard ? Disposition.ResetCard : Disposition.LeaveCard);
            return result;
        },
        cancellationToken);

    private CardConnection Connect(PcscContext context, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + CardArrival;
        while (true)
        {
            try
            {
                return context.Connect(reader);
            }
            catch (CardRemovedException) when (DateTime.UtcNow < until)
            {
                cancellationToken.WaitHandle.WaitOne(50);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
