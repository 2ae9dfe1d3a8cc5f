using OnshiDevice.Iso7816;

namespace OnshiDevice.FaceAuth.CheckIn.Card;

/// <summary>
/// The PC/SC reader of one face-auth reader's card slot: runs one card transaction at a time. The work is synchronous
/// card I/O that checks <c>cancellationToken</c> between APDUs; the session owns the deadline, the connection and the
/// transaction around it, and ends the transaction as <c>end</c> says.
/// </summary>
public interface ICardSlotSession
{
    Task<T> RunAsync<T>(Func<IApduChannel, CancellationToken, T> work, CardSlotEnd end, CancellationToken cancellationToken);
}
