namespace OnshiDevice.Simulators.FaceReader;

/// <summary>The cable between the host and a simulated reader, which a scenario can pull and put back.</summary>
public interface IFaceReaderCable
{
    void Unplug();

    Task PlugInAsync(CancellationToken cancellationToken);
}
