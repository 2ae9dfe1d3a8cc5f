namespace OnshiDevice.FaceAuth.Protocol;

/// <summary>An intact frame whose payload does not decode for its type; the receiver answers it with a Nack.</summary>
internal sealed class MalformedPayloadException : Exception
{
    public MalformedPayloadException(string message)
        : base(message)
    {
    }
}
