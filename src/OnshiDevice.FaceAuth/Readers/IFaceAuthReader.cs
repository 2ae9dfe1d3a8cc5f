using System.Threading.Channels;

namespace OnshiDevice.FaceAuth.Readers;

/// <summary>
/// A face-authentication reader as the check-in flow drives it: its screens and camera by commands, the patient's and
/// staff's actions at it as events. The project's serial protocol (docs/FACE-READER-PROTOCOL.md) is one implementation;
/// a vendor's own protocol is one more adapter behind this interface, and the flow does not change. The reader's card
/// slot is a PC/SC reader of its own, named in configuration beside the serial port; cards are not read through here.
/// </summary>
public interface IFaceAuthReader : IAsyncDisposable
{
    /// <summary>What the last handshake told (model, firmware, protocol version, capabilities); null while not connected.</summary>
    FaceReaderInfo? Info { get; }

    /// <summary>
    /// The reader's events in the order it sent them, with the link's own (<see cref="LinkLost"/>, <see cref="LinkRestored"/>).
    /// One consumer: the check-in flow of this reader. Secrets in events (<see cref="PinEntered"/>,
    /// <see cref="CardFaceNumberRead"/>) belong to that consumer, which disposes them.
    /// </summary>
    ChannelReader<FaceReaderEvent> Events { get; }

    /// <summary>
    /// Sends <paramref name="command"/> and waits for the reader's acknowledgement. Throws <see cref="FaceReaderException"/>
    /// when the reader refuses it or the link is down, and stops waiting when <paramref name="cancellationToken"/> fires
    /// (every caller passes its deadline): nothing waits on a silent reader.
    /// </summary>
    Task SendAsync(FaceReaderCommand command, CancellationToken cancellationToken);
}
