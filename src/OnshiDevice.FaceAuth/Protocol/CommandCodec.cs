using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>The host's commands to and from their frames (docs/FACE-READER-PROTOCOL.md §5).</summary>
internal static class CommandCodec
{
    private const byte FaceOfferedBit = 1;
    private const byte PinOfferedBit = 2;

    public static WireMessage Encode(FaceReaderCommand command) => command switch
    {
        ShowIdle => WireMessage.Empty(MessageType.ShowIdle),
        ShowMessage m => WireMessage.Of(MessageType.ShowMessage, new PayloadWriter().Byte((byte)m.Message)),
        ShowMethodChoice c => WireMessage.Of(
            MessageType.ShowMethodChoice,
            new PayloadWriter()
                .Byte((byte)((c.FaceOffered ? FaceOfferedBit : 0) | (c.PinOffered ? PinOfferedBit : 0)))
                .Byte(c.PinTriesLeft is { } tries ? (byte)Math.Clamp(tries, 0, ProtocolLimits.MaxShownTriesLeft) : ProtocolLimits.UnknownTriesLeft)),
        StartFaceCapture s => EncodeCapture(s),
        ShowConsent c => WireMessage.Of(MessageType.ShowConsent, new PayloadWriter().Byte((byte)c.Topic)),
        ShowResult r => WireMessage.Of(MessageType.ShowResult, new PayloadWriter().Boolean(r.Passed).Byte((byte)r.Message)),
        EnterVisualCheckMode => WireMessage.Empty(MessageType.EnterVisualCheckMode),
        ReturnToAutomaticMode => WireMessage.Empty(MessageType.ReturnToAutomaticMode),
        CancelOperation => WireMessage.Empty(MessageType.CancelOperation),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Not a command of this protocol."),
    };

    /// <summary>The reader's side: a command from its frame, or null for a type that is not a command.</summary>
    public static FaceReaderCommand? Decode(MessageType type, ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        FaceReaderCommand? command = type switch
        {
            MessageType.ShowIdle => new ShowIdle(),
            MessageType.ShowMessage => new ShowMessage(reader.ReadEnum<ReaderMessage>()),
            MessageType.ShowMethodChoice => ReadMethodChoice(ref reader),
            MessageType.StartFaceCapture => new StartFaceCapture(reader.ReadLongBytes(ProtocolLimits.MaxPhotoBytes).ToArray()),
            MessageType.ShowConsent => new ShowConsent(reader.ReadEnum<ConsentTopic>()),
            MessageType.ShowResult => new ShowResult(reader.ReadBoolean(), reader.ReadEnum<ReaderMessage>()),
            MessageType.EnterVisualCheckMode => new EnterVisualCheckMode(),
            MessageType.ReturnToAutomaticMode => new ReturnToAutomaticMode(),
            MessageType.CancelOperation => new CancelOperation(),
            _ => null,
        };

        if (command is not null)
        {
            reader.End();
        }

        return command;
    }

    private static WireMessage EncodeCapture(StartFaceCapture capture)
    {
        if (capture.ReferencePhoto.Length is 0 or > ProtocolLimits.MaxPhotoBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(capture), capture.ReferencePhoto.Length, $"A reference photo has 1 to {ProtocolLimits.MaxPhotoBytes} bytes.");
        }

        return WireMessage.Of(MessageType.StartFaceCapture, new PayloadWriter().LongBytes(capture.ReferencePhoto.Span));
    }

    private static ShowMethodChoice ReadMethodChoice(ref PayloadReader reader)
    {
        var offered = reader.ReadByte();
        if ((offered & ~(FaceOfferedBit | PinOfferedBit)) != 0 || offered == 0)
        {
            throw new MalformedPayloadException($"The method choice {offered} offers nothing known.");
        }

        var tries = reader.ReadByte();
        if (tries != ProtocolLimits.UnknownTriesLeft && tries > ProtocolLimits.MaxShownTriesLeft)
        {
            throw new MalformedPayloadException($"{tries} tries left is out of range.");
        }

        return new ShowMethodChoice((offered & FaceOfferedBit) != 0, (offered & PinOfferedBit) != 0, tries == ProtocolLimits.UnknownTriesLeft ? null : tries);
    }
}
