using System.IO.Ports;

namespace OnshiDevice.FaceAuth.Link;

/// <summary>A reader on a serial port (a USB virtual COM port on real readers; a pty in the hardware tests), 8N1, no flow control.</summary>
public sealed class SerialFaceReaderPort : IFaceReaderPort
{
    private readonly int _baudRate;

    public SerialFaceReaderPort(string portName, int baudRate = 115_200)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(portName);
        Name = portName;
        _baudRate = baudRate;
    }

    public string Name { get; }

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var port = new SerialPort(Name, _baudRate, Parity.None, 8, StopBits.One) { Handshake = Handshake.None };

        // Open touches the device and can stall on a half-present USB device; the wait, not the open, honours the token.
        var open = Task.Run(port.Open, CancellationToken.None);
        try
        {
            await open.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _ = open.ContinueWith(_ => port.Dispose(), TaskScheduler.Default);
            throw;
        }

        return new SerialPortStream(port);
    }

    /// <summary>
    /// The port's stream, which also closes the port when disposed. System.IO.Ports on Unix flushes pending writes when
    /// the port is disposed and waits for them without end; after a pulled cable they never drain. So pending output is
    /// discarded first, and the close is waited for a bounded time: a port that still hangs is left to its own thread.
    /// </summary>
    private sealed class SerialPortStream(SerialPort port) : DelegatingStream(port.BaseStream)
    {
        private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

        private int _closed;

        public override async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                try
                {
                    await Task.Run(ClosePort).WaitAsync(CloseTimeout).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
            }

            GC.SuppressFinalize(this);
        }

        protected override void Dispose(bool disposing)
        {
            // Not the base's: disposing the serial stream itself is what waits on pending writes.
            if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Task.Run(ClosePort).Wait(CloseTimeout);
            }
        }

        private void ClosePort()
        {
            try
            {
                port.DiscardOutBuffer();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // The device is gone; the close below is what matters.
            }

            port.Dispose();
        }
    }
}
