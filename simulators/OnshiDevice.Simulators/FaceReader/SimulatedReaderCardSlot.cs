using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>A face reader's card slot that is a reader of the in-process PC/SC simulator: placing the card inserts it there.</summary>
public sealed class SimulatedReaderCardSlot(SimulatedReader reader, IVirtualCard card) : IFaceReaderCardSlot
{
    public Task InsertAsync(CancellationToken cancellationToken)
    {
        if (reader.Card is null)
        {
            reader.Insert(card);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(CancellationToken cancellationToken)
    {
        if (reader.Card is not null)
        {
            reader.Remove();
        }

        return Task.CompletedTask;
    }
}
