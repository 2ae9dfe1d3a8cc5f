using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Simulators.FaceReader;

namespace OnshiDevice.UnitTests.FaceAuth.Link;

/// <summary>
/// A reader end written by hand over one in-process pipe pair, for what the simulated reader never does: frames of any
/// type and payload, events before the handshake, a second Hello. It answers the handshake only when told to.
/// </summary>
internal sealed class HandMadeReader : IFrameReceiver, IFaceReaderPort, IAsyncDisposable
{
    private readonly TaskCompletionSource<FrameLink> _link = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _deviceEnd;

    public string Name => "hand-made";

    public int HellosReceived { get; private set; }

    /// <summary>Whether Hello and GetDeviceInfo are answered (after the link's Ack).</summary>
    public bool AnswersHandshake { get; set; } = true;

    public Task<FrameLink> Link => _link.Task;

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var (host, device) = DuplexPipeStream.CreatePair();
        _deviceEnd = device;
        var link = new FrameLink(device, this, ReaderOnCable.FastLink, TimeProvider.System, NullLogger.Instance);
        link.Start();
        _link.TrySetResult(link);
        return Task.FromResult<Stream>(host);
    }

    public NackReason? Receive(byte type, ReadOnlySpan<byte> payload)
    {
        switch ((MessageType)type)
        {
            case MessageType.Hello:
                HellosReceived++;
                if (AnswersHandshake)
                {
                    Answer(LinkCodec.Welcome(1, FaceReaderCapabilities.PinPad));
                }

                return null;
            case MessageType.GetDeviceInfo:
                if (AnswersHandshake)
                {
                    Answer(LinkCodec.DeviceInfo("hand", "0", "H-1"));
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Sends a frame and waits for the host's answer: null for an Ack, the Nack's reason otherwise.</summary>
    public async Task<byte?> SendAsync(WireMessage message)
    {
        var link = await Link;
        try
        {
            await link.SendAsync(message, ReaderOnCable.Deadline);
            return null;
        }
        catch (FrameLinkException e) when (e.Refusal is { } reason)
        {
            return reason;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_link.Task.IsCompleted)
        {
            await (await _link.Task).DisposeAsync();
        }

        _deviceEnd?.Dispose();
    }

    // Answers go out from another task: the link's read loop must not wait for its own Acks.
    private void Answer(WireMessage message) => _ = Task.Run(() => SendAsync(message));
}
