using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.Link;

/// <summary>The host's answers that docs/FACE-READER-PROTOCOL.md promises a reader, checked with a reader made by hand.</summary>
public sealed class ProtocolRulesTests
{
    [Fact]
    public async Task An_event_before_the_handshake_is_refused_with_not_now()
    {
        await using var reader = new HandMadeReader { AnswersHandshake = false };
        await using var driver = FaceReaderDriver.Start(reader, ReaderOnCable.FastLink, TimeProvider.System, NullLogger.Instance);

        var answer = await reader.SendAsync(WireMessage.Empty(MessageType.CardPlaced));

        Assert.Equal((byte)NackReason.NotNow, answer);
        Assert.False(driver.Events.TryRead(out _));
    }

    [Fact]
    public async Task After_the_handshake_an_unknown_type_gets_nack_01_a_malformed_event_nack_02_and_the_link_stays_up()
    {
        await using var reader = new HandMadeReader();
        await using var driver = FaceReaderDriver.Start(reader, ReaderOnCable.FastLink, TimeProvider.System, NullLogger.Instance);
        await NextAsync<LinkRestored>(driver);

        var unknown = await reader.SendAsync(new WireMessage((MessageType)0x7F, []));
        var hostCommand = await reader.SendAsync(WireMessage.Empty(MessageType.ShowIdle));
        var malformed = await reader.SendAsync(new WireMessage(MessageType.MethodChosen, [0x09]));
        var good = await reader.SendAsync(new WireMessage(MessageType.MethodChosen, [0x02]));

        Assert.Equal((byte)NackReason.UnknownType, unknown);
        Assert.Equal((byte)NackReason.UnknownType, hostCommand);
        Assert.Equal((byte)NackReason.MalformedPayload, malformed);
        Assert.Null(good);
        Assert.Equal(CheckInMethod.Pin, (await NextAsync<MethodChosen>(driver)).Method);
        Assert.NotNull(driver.Info);
    }

    [Fact]
    public async Task A_reader_that_never_answers_the_handshake_is_not_connected_and_asked_again()
    {
        await using var reader = new HandMadeReader { AnswersHandshake = false };
        await using var driver = FaceReaderDriver.Start(reader, ReaderOnCable.FastLink, TimeProvider.System, NullLogger.Instance);

        var refused = await Assert.ThrowsAsync<FaceReaderException>(() => driver.SendAsync(new ShowIdle(), ReaderOnCable.Deadline));
        await Task.Delay(ReaderOnCable.FastLink.HandshakeTimeout * 3);

        Assert.Equal(FaceReaderProblem.NotConnected, refused.Problem);
        Assert.Null(driver.Info);
        Assert.True(reader.HellosReceived >= 1);
    }

    [Fact]
    public async Task A_second_hello_with_sequence_0_again_is_answered_not_taken_for_a_duplicate()
    {
        await using var device = new OnshiDevice.Simulators.FaceReader.VirtualFaceReader(linkOptions: ReaderOnCable.FastLink);
        var (host, deviceEnd) = OnshiDevice.Simulators.FaceReader.DuplexPipeStream.CreatePair();
        device.AttachStream(deviceEnd);
        var welcomes = new WelcomeCounter();

        foreach (var restart in new[] { 1, 2 })
        {
            // A restarted host: a new link, its sequence numbers from 0 again, on the same line.
            var link = new FrameLink(host, welcomes, ReaderOnCable.FastLink, TimeProvider.System, NullLogger.Instance);
            link.Start();
            await link.SendAsync(LinkCodec.Hello(1, 1), ReaderOnCable.Deadline);
            await welcomes.WaitForAsync(restart);
            await link.DisposeAsync();
        }

        Assert.Equal(2, welcomes.Count);
        host.Dispose();
    }

    private sealed class WelcomeCounter : IFrameReceiver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public NackReason? Receive(byte type, ReadOnlySpan<byte> payload)
        {
            if ((MessageType)type == MessageType.Welcome)
            {
                Interlocked.Increment(ref _count);
            }

            return null;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = ReaderOnCable.Deadline;
            while (Count < count)
            {
                await Task.Delay(10, deadline);
            }
        }
    }

    private static async Task<T> NextAsync<T>(FaceReaderDriver driver)
        where T : FaceReaderEvent
    {
        var deadline = ReaderOnCable.Deadline;
        while (true)
        {
            if (await driver.Events.ReadAsync(deadline) is T wanted)
            {
                return wanted;
            }
        }
    }
}
