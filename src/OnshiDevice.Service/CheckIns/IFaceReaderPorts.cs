using OnshiDevice.FaceAuth.Link;

namespace OnshiDevice.Service.CheckIns;

/// <summary>Where each configured face reader's bytes come from: its serial port in production, an in-process cable in tests.</summary>
public interface IFaceReaderPorts
{
    IFaceReaderPort For(string faceReader, FaceReaderSettings settings);
}

/// <summary>The configured serial port of each reader (System.IO.Ports).</summary>
internal sealed class SerialFaceReaderPorts : IFaceReaderPorts
{
    public IFaceReaderPort For(string faceReader, FaceReaderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SerialFaceReaderPort(settings.SerialPort, settings.BaudRate);
    }
}
