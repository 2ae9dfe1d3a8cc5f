using OnshiDevice.Cards.Pins;
using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>The reader's events to and from their frames (docs/FACE-READER-PROTOCOL.md §6).</summary>
internal static class EventCodec
{
    /// <summary>The reader's side. Secrets (a keypad PIN, an OCR'd 照合番号B) are copied into the payload; the caller wipes the message after sending it.</summary>
    public static WireMessage Encode(FaceReaderEvent readerEvent) => readerEvent switch
    {
        CardPlaced => WireMessage.Empty(MessageType.CardPlaced),
        CardRemoved => WireMessage.Empty(MessageType.CardRemoved),
        CardFaceNumberRead n => WireMessage.Of(MessageType.CardFaceNumberRead, new PayloadWriter().ShortBytes(n.Number.Bytes)),
        MethodChosen m => WireMessage.Of(MessageType.MethodChosen, new PayloadWriter().Byte((byte)m.Method)),
        FaceCaptured f => WireMessage.Of(
            MessageType.FaceCaptured,
            new PayloadWriter().Byte((byte)f.Outcome).UInt16(ScoreToWire(f.Score)).Boolean(f.Live)),
        PinEntered p => WireMessage.Of(MessageType.PinEntered, new PayloadWriter().ShortBytes(p.Pin.Bytes)),
        ConsentAnswered c => WireMessage.Of(MessageType.ConsentAnswered, new PayloadWriter().Byte((byte)c.Topic).Byte((byte)c.Answer)),
        StaffActed s => WireMessage.Of(MessageType.StaffActed, new PayloadWriter().Byte((byte)s.Action)),
        PatientCancelled => WireMessage.Empty(MessageType.PatientCancelled),
        ReaderFault f => WireMessage.Of(
            MessageType.ReaderFault,
            new PayloadWriter().Text(f.Code, ProtocolLimits.FaultCodeBytes).Text(f.Detail, ProtocolLimits.FaultDetailBytes)),
        _ => throw new ArgumentOutOfRangeException(nameof(readerEvent), readerEvent.GetType().Name, "Not an event a reader sends."),
    };

    /// <summary>The host's side: an event from its frame, or null for a type that is not an event. A secret is copied once, into its <see cref="SecretEntry"/>.</summary>
    public static FaceReaderEvent? Decode(MessageType type, ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        FaceReaderEvent? readerEvent = type switch
        {
            MessageType.CardPlaced => new CardPlaced(),
            MessageType.CardRemoved => new CardRemoved(),
            MessageType.MethodChosen => new MethodChosen(ReadPatientMethod(ref reader)),
            MessageType.FaceCaptured => new FaceCaptured(reader.ReadEnum<FaceCaptureOutcome>(), ReadScore(ref reader), reader.ReadBoolean()),
            MessageType.ConsentAnswered => new ConsentAnswered(reader.ReadEnum<ConsentTopic>(), reader.ReadEnum<ConsentAnswer>()),
            MessageType.StaffActed => new StaffActed(reader.ReadEnum<StaffAction>()),
            MessageType.PatientCancelled => new PatientCancelled(),
            MessageType.ReaderFault => new ReaderFault(reader.ReadText(ProtocolLimits.FaultCodeBytes), reader.ReadText(ProtocolLimits.FaultDetailBytes)),
            _ => null,
        };

        if (type is MessageType.CardFaceNumberRead or MessageType.PinEntered)
        {
            var secret = reader.ReadShortBytes(1, SecretEntry.MaxLength);
            reader.End();
            var entry = SecretEntry.Copy(secret);
            return type == MessageType.PinEntered ? new PinEntered(entry) : new CardFaceNumberRead(entry);
        }

        if (readerEvent is not null)
        {
            reader.End();
        }

        return readerEvent;
    }

    private static CheckInMethod ReadPatientMethod(ref PayloadReader reader)
    {
        var method = reader.ReadEnum<CheckInMethod>();
        if (method == CheckInMethod.VisualCheck)
        {
            throw new MalformedPayloadException("A visual check is chosen by staff (StaffActed), never on the patient's method screen.");
        }

        return method;
    }

    private static double ReadScore(ref PayloadReader reader)
    {
        var raw = reader.ReadUInt16();
        if (raw > ProtocolLimits.ScoreScale)
        {
            throw new MalformedPayloadException($"The face score {raw} is over {ProtocolLimits.ScoreScale}.");
        }

        return raw / (double)ProtocolLimits.ScoreScale;
    }

    private static ushort ScoreToWire(double score) =>
        (ushort)Math.Round(Math.Clamp(score, 0, 1) * ProtocolLimits.ScoreScale, MidpointRounding.AwayFromZero);
}
