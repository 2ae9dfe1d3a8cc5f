using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.Iso7816;
using OnshiDevice.Simulators;
using OnshiDevice.UnitTests.Cards.Hpki;

namespace OnshiDevice.UnitTests.FaceAuth.CheckIn;

/// <summary>A card slot whose reader holds a virtual card in this process; each transaction gets a fresh channel to it.</summary>
internal sealed class InProcessCardSlot(IVirtualCard card) : ICardSlotSession
{
    public int Transactions { get; private set; }

    /// <summary>The transactions that ended with a reset of the card.</summary>
    public int Resets { get; private set; }

    public Task<T> RunAsync<T>(Func<IApduChannel, CancellationToken, T> work, CardSlotEnd end, CancellationToken cancellationToken)
    {
        Transactions++;
        return Task.Run(
            () =>
            {
                try
                {
                    return work(new VirtualCardChannel(card), cancellationToken);
                }
                finally
                {
                    if (end == CardSlotEnd.ResetCard)
                    {
                        Resets++;
                        card.Reset();
                    }
                }
            },
            cancellationToken);
    }
}
