namespace OnshiDevice.Simulators.FaceReader;

/// <summary>The PC/SC reader inside a simulated face reader's card slot: placing the card on the reader puts it there.</summary>
public interface IFaceReaderCardSlot
{
    Task InsertAsync(CancellationToken cancellationToken);

    Task RemoveAsync(CancellationToken cancellationToken);
}
