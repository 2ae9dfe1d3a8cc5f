using System.Diagnostics;

namespace OnshiDevice.HardwareTests.FaceReader;

/// <summary>
/// A serial cable made of two ptys joined by socat, named by symlinks in a temporary folder: the host opens one end as
/// its serial port, the simulated reader the other. <see cref="Pull"/> stops socat, which takes both ptys away as
/// pulling a USB virtual COM port does; <see cref="PlugIn"/> makes them again under the same names.
/// </summary>
internal sealed class PtyPair : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onshi-pty-").FullName;
    private Process? _socat;

    private PtyPair()
    {
        HostEnd = Path.Combine(_folder, "host");
        ReaderEnd = Path.Combine(_folder, "reader");
    }

    public string HostEnd { get; }

    public string ReaderEnd { get; }

    public static async Task<PtyPair> CreateAsync()
    {
        var pair = new PtyPair();
        await pair.PlugInAsync();
        return pair;
    }

    public async Task PlugInAsync()
    {
        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { "-d", $"pty,raw,echo=0,link={HostEnd}", $"pty,raw,echo=0,link={ReaderEnd}" },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start.");
        _socat.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(File.Exists(HostEnd) && File.Exists(ReaderEnd)))
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The cable is pulled: socat exits, both ptys close and their names go.</summary>
    public void Pull()
    {
        if (_socat is { HasExited: false } socat)
        {
            socat.Kill();
            socat.WaitForExit(5000);
        }

        _socat?.Dispose();
        _socat = null;
        File.Delete(HostEnd);
        File.Delete(ReaderEnd);
    }

    public void Dispose()
    {
        Pull();
        Directory.Delete(_folder, recursive: true);
    }
}
