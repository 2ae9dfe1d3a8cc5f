namespace OnshiDevice.FaceAuth.Link;

/// <summary>A frame could not be delivered: the peer refused it (<see cref="Refusal"/> set) or never acknowledged it.</summary>
internal sealed class FrameLinkException : Exception
{
    public FrameLinkException(string message, byte? refusal = null)
        : base(message)
    {
        Refusal = refusal;
    }

    /// <summary>The Nack's reason byte, when the peer refused.</summary>
    public byte? Refusal { get; }
}
