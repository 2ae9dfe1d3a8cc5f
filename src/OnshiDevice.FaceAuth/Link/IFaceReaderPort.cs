namespace OnshiDevice.FaceAuth.Link;

/// <summary>
/// Where a reader's byte stream comes from: a serial port in production (<see cref="SerialFaceReaderPort"/>), an
/// in-process pipe or a pty in tests. Opened again after every loss, because a pulled USB cable takes the port with it.
/// </summary>
public interface IFaceReaderPort
{
    /// <summary>What logs and errors call the port (its device path or COM name).</summary>
    string Name { get; }

    /// <summary>Opens a fresh stream; throws IOException (or UnauthorizedAccessException) while the device is absent.</summary>
    Task<Stream> OpenAsync(CancellationToken cancellationToken);
}
