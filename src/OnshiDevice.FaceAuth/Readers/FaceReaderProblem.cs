namespace OnshiDevice.FaceAuth.Readers;

public enum FaceReaderProblem
{
    /// <summary>No link: the port is closed, the cable pulled or the handshake not done.</summary>
    NotConnected,

    /// <summary>The reader answered the command with a refusal.</summary>
    Refused,

    /// <summary>The reader speaks no protocol version this host does.</summary>
    UnsupportedVersion,
}
