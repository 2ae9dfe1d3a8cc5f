using OnshiDevice.FaceAuth.Link;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>
/// The USB cable between the host and a <see cref="VirtualFaceReader"/> in the same process: the host opens it as its
/// port; each open is a fresh pair of pipes, the reader's end handed to the reader. <see cref="Unplug"/> cuts both
/// directions and makes opening fail until <see cref="PlugIn"/>, as pulling a USB virtual COM port does.
/// </summary>
public sealed class InProcessFaceReaderCable : IFaceReaderPort, IFaceReaderCable
{
    private readonly VirtualFaceReader _reader;
    private readonly object _gate = new();
    private bool _pluggedIn = true;
    private DuplexPipeStream? _hostEnd;

    public InProcessFaceReaderCable(VirtualFaceReader reader)
    {
        _reader = reader;
    }

    public string Name => "in-process:" + _reader.SerialNumber;

    public bool IsPluggedIn
    {
        get
        {
            lock (_gate)
            {
                return _pluggedIn;
            }
        }
    }

    public Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        DuplexPipeStream host;
        DuplexPipeStream device;
        lock (_gate)
        {
            if (!_pluggedIn)
            {
                throw new IOException($"{Name}: no such device (the cable is unplugged).");
            }

            _hostEnd?.Dispose();
            (host, device) = DuplexPipeStream.CreatePair();
            _hostEnd = host;
        }

        _reader.AttachStream(device);
        return Task.FromResult<Stream>(host);
    }

    /// <summary>Pulls the cable: both ends see the line end, and the port does not open again until plugged in.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            _pluggedIn = false;
            _hostEnd?.Dispose();
            _hostEnd = null;
        }

        _reader.Detach();
    }

    public void PlugIn()
    {
        lock (_gate)
        {
            _pluggedIn = true;
        }
    }

    Task IFaceReaderCable.PlugInAsync(CancellationToken cancellationToken)
    {
        PlugIn();
        return Task.CompletedTask;
    }
}
