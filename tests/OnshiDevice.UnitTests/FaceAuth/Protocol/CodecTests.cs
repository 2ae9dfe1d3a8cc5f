using System.Text;
using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.Protocol;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.UnitTests.FaceAuth.Protocol;

public sealed class CodecTests
{
    public static TheoryData<FaceReaderCommand> Commands() =>
    [
        new ShowIdle(),
        new ShowMessage(ReaderMessage.FaceNotRecognised),
        new ShowMethodChoice(FaceOffered: true, PinOffered: true, PinTriesLeft: 2),
        new ShowMethodChoice(FaceOffered: true, PinOffered: false, PinTriesLeft: null),
        new ShowConsent(ConsentTopic.ElectronicHealthRecords2025),
        new ShowResult(Passed: false, ReaderMessage.CardRemoved),
        new EnterVisualCheckMode(),
        new ReturnToAutomaticMode(),
        new CancelOperation(),
    ];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_comes_back_as_it_was_sent(FaceReaderCommand command)
    {
        var message = CommandCodec.Encode(command);

        Assert.Equal(command, CommandCodec.Decode(message.Type, message.Payload));
    }

    [Fact]
    public void A_face_capture_carries_the_photo_bytes()
    {
        var photo = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();

        var message = CommandCodec.Encode(new StartFaceCapture(photo));

        var decoded = Assert.IsType<StartFaceCapture>(CommandCodec.Decode(message.Type, message.Payload));
        Assert.Equal(photo, decoded.ReferencePhoto.ToArray());
    }

    [Fact]
    public void A_photo_over_the_limit_is_refused_before_it_is_framed() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandCodec.Encode(new StartFaceCapture(new byte[ProtocolLimits.MaxPhotoBytes + 1])));

    public static TheoryData<FaceReaderEvent> Events() =>
    [
        new CardPlaced(),
        new CardRemoved(),
        new MethodChosen(CheckInMethod.Pin),
        new FaceCaptured(FaceCaptureOutcome.Compared, 0.8123, Live: true),
        new FaceCaptured(FaceCaptureOutcome.MultipleFaces, 0, Live: false),
        new ConsentAnswered(ConsentTopic.HighCostLimit, ConsentAnswer.Declined),
        new StaffActed(StaffAction.ConfirmIdentity),
        new PatientCancelled(),
        new ReaderFault("E101", "camera not ready"),
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_comes_back_as_it_was_sent(FaceReaderEvent readerEvent)
    {
        var message = EventCodec.Encode(readerEvent);

        Assert.Equal(readerEvent, EventCodec.Decode(message.Type, message.Payload));
    }

    [Fact]
    public void A_keypad_pin_arrives_as_a_secret_entry_with_its_digits()
    {
        using var sent = SecretEntry.Copy("1234"u8);
        var message = EventCodec.Encode(new PinEntered(sent));

        var received = Assert.IsType<PinEntered>(EventCodec.Decode(message.Type, message.Payload));

        using (received.Pin)
        {
            Assert.Equal("1234", Encoding.ASCII.GetString(received.Pin.Bytes));
            Assert.DoesNotContain("1234", received.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData((byte)MessageType.ShowMessage, new byte[] { })]
    [InlineData((byte)MessageType.ShowMessage, new byte[] { 0x63 })]
    [InlineData((byte)MessageType.ShowMessage, new byte[] { 0x01, 0x00 })]
    [InlineData((byte)MessageType.ShowMethodChoice, new byte[] { 0x00, 0xFF })]
    [InlineData((byte)MessageType.ShowMethodChoice, new byte[] { 0x04, 0xFF })]
    [InlineData((byte)MessageType.ShowMethodChoice, new byte[] { 0x03, 0x10 })]
    [InlineData((byte)MessageType.StartFaceCapture, new byte[] { 0x00, 0x05, 0x01 })]
    [InlineData((byte)MessageType.ShowResult, new byte[] { 0x02, 0x01 })]
    public void A_malformed_command_payload_is_refused(byte type, byte[] payload) =>
        Assert.Throws<MalformedPayloadException>(() => CommandCodec.Decode((MessageType)type, payload));

    [Theory]
    [InlineData((byte)MessageType.MethodChosen, new byte[] { 0x03 })]
    [InlineData((byte)MessageType.FaceCaptured, new byte[] { 0x01, 0x27, 0x11, 0x01 })]
    [InlineData((byte)MessageType.FaceCaptured, new byte[] { 0x04, 0x00, 0x00, 0x01 })]
    [InlineData((byte)MessageType.PinEntered, new byte[] { 0x00 })]
    [InlineData((byte)MessageType.PinEntered, new byte[] { 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 })]
    [InlineData((byte)MessageType.CardFaceNumberRead, new byte[] { 0x04, 0x31, 0x32 })]
    [InlineData((byte)MessageType.ReaderFault, new byte[] { 0x02, 0xC3, 0x28, 0x00 })]
    [InlineData((byte)MessageType.CardPlaced, new byte[] { 0x00 })]
    public void A_malformed_event_payload_is_refused(byte type, byte[] payload) =>
        Assert.Throws<MalformedPayloadException>(() => EventCodec.Decode((MessageType)type, payload));

    [Fact]
    public void A_type_that_is_not_an_event_decodes_to_nothing() =>
        Assert.Null(EventCodec.Decode(MessageType.ShowIdle, []));

    [Fact]
    public void A_welcome_keeps_known_capabilities_and_drops_a_newer_readers_extras()
    {
        var message = new WireMessage(MessageType.Welcome, [0x01, 0x80, 0x07]);

        var (version, capabilities) = LinkCodec.ReadWelcome(message.Payload);

        Assert.Equal(1, version);
        Assert.Equal(FaceReaderCapabilities.PinPad | FaceReaderCapabilities.CardFaceOcr | FaceReaderCapabilities.Liveness, capabilities);
    }

    [Fact]
    public void Device_texts_come_back_and_an_empty_version_range_is_refused()
    {
        var info = LinkCodec.DeviceInfo("モデル X", "2.1", "SN-9");
        Assert.Equal(("モデル X", "2.1", "SN-9"), LinkCodec.ReadDeviceInfo(info.Payload));
        Assert.Throws<MalformedPayloadException>(() => LinkCodec.ReadHello([2, 1]));
    }
}
