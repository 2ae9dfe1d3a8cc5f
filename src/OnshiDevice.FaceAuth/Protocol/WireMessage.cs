namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>A message ready to be framed: its type and its payload's bytes.</summary>
internal readonly record struct WireMessage(MessageType Type, byte[] Payload)
{
    public static WireMessage Empty(MessageType type) => new(type, []);

    public static WireMessage Of(MessageType type, PayloadWriter payload) => new(type, payload.Written.ToArray());
}
