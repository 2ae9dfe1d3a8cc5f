using OnshiDevice.FaceAuth.Readers;

namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>The link's own messages: the handshake (Hello, Welcome, VersionRefused, GetDeviceInfo, DeviceInfo), Ack, Nack, Heartbeat.</summary>
internal static class LinkCodec
{
    public static WireMessage Hello(byte minVersion, byte maxVersion) =>
        WireMessage.Of(MessageType.Hello, new PayloadWriter().Byte(minVersion).Byte(maxVersion));

    public static (byte Min, byte Max) ReadHello(ReadOnlySpan<byte> payload) => ReadRange(payload);

    public static WireMessage Welcome(byte version, FaceReaderCapabilities capabilities) =>
        WireMessage.Of(MessageType.Welcome, new PayloadWriter().Byte(version).UInt16((ushort)capabilities));

    public static (byte Version, FaceReaderCapabilities Capabilities) ReadWelcome(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var version = reader.ReadByte();
        var raw = reader.ReadUInt16();
        reader.End();

        // Bits this host does not know are a newer reader's extras; they are dropped, not refused, so it still works here.
        var known = (FaceReaderCapabilities)raw & (FaceReaderCapabilities.PinPad | FaceReaderCapabilities.CardFaceOcr | FaceReaderCapabilities.Liveness);
        return (version, known);
    }

    public static WireMessage VersionRefused(byte minVersion, byte maxVersion) =>
        WireMessage.Of(MessageType.VersionRefused, new PayloadWriter().Byte(minVersion).Byte(maxVersion));

    public static (byte Min, byte Max) ReadVersionRefused(ReadOnlySpan<byte> payload) => ReadRange(payload);

    public static WireMessage DeviceInfo(string model, string firmware, string serialNumber) =>
        WireMessage.Of(
            MessageType.DeviceInfo,
            new PayloadWriter()
                .Text(model, ProtocolLimits.DeviceTextBytes)
                .Text(firmware, ProtocolLimits.DeviceTextBytes)
                .Text(serialNumber, ProtocolLimits.DeviceTextBytes));

    public static (string Model, string Firmware, string SerialNumber) ReadDeviceInfo(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var model = reader.ReadText(ProtocolLimits.DeviceTextBytes);
        var firmware = reader.ReadText(ProtocolLimits.DeviceTextBytes);
        var serial = reader.ReadText(ProtocolLimits.DeviceTextBytes);
        reader.End();
        return (model, firmware, serial);
    }

    public static WireMessage Ack(byte sequence) => WireMessage.Of(MessageType.Ack, new PayloadWriter().Byte(sequence));

    public static WireMessage Nack(byte sequence, NackReason reason) =>
        WireMessage.Of(MessageType.Nack, new PayloadWriter().Byte(sequence).Byte((byte)reason));

    public static byte ReadAck(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var sequence = reader.ReadByte();
        reader.End();
        return sequence;
    }

    /// <summary>A Nack's reason is kept raw when unknown: a newer peer's reason is still a refusal.</summary>
    public static (byte Sequence, byte Reason) ReadNack(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var sequence = reader.ReadByte();
        var reason = reader.ReadByte();
        reader.End();
        return (sequence, reason);
    }

    private static (byte Min, byte Max) ReadRange(ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        var min = reader.ReadByte();
        var max = reader.ReadByte();
        reader.End();
        if (min == 0 || min > max)
        {
            throw new MalformedPayloadException($"The version range {min}-{max} is empty.");
        }

        return (min, max);
    }
}
