using OnshiDevice.FaceAuth.Protocol;

namespace OnshiDevice.FaceAuth.Link;

/// <summary>One end's handling of the frames a <see cref="FrameLink"/> delivers (everything but Ack, Nack and Heartbeat).</summary>
internal interface IFrameReceiver
{
    /// <summary>
    /// Takes one frame, synchronously: <paramref name="payload"/> is wiped when this returns, so decode or copy it here.
    /// Null acknowledges the frame; a reason refuses it with a Nack. Called once per sequence number: a retransmission
    /// is acknowledged again without being delivered twice.
    /// </summary>
    NackReason? Receive(byte type, ReadOnlySpan<byte> payload);
}
