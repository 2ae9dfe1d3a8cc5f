using System.Diagnostics;

namespace OnshiDevice.Simulators.FaceReader;

/// <summary>
/// A serial cable made of two ptys joined by socat, named by symlinks in a folder: the host opens <see cref="HostEnd"/>
/// as its serial port, the simulated reader <see cref="ReaderEnd"/>. <see cref="Unplug"/> stops socat, which takes both
/// ptys away as pulling a USB virtual COM port does; <see cref="PlugInAsync"/> makes them again under the same names.
/// </summary>
public sealed class SocatCable : IFaceReaderCable, IDisposable
{
    private readonly bool _ownsFolder;
    private Process? _socat;

    private SocatCable(string folder, bool ownsFolder)
    {
        Folder = folder;
        _ownsFolder = ownsFolder;
        HostEnd = Path.Combine(folder, "host");
        ReaderEnd = Path.Combine(folder, "reader");
    }

    public string Folder { get; }

    public string HostEnd { get; }

    public string ReaderEnd { get; }

    /// <summary>A cable in <paramref name="folder"/> (created if missing), or in a new temporary folder removed on dispose.</summary>
    public static async Task<SocatCable> CreateAsync(string? folder, CancellationToken cancellationToken)
    {
        var cable = folder is null
            ? new SocatCable(Directory.CreateTempSubdirectory("onshi-face-reader-").FullName, ownsFolder: true)
            : new SocatCable(Directory.CreateDirectory(folder).FullName, ownsFolder: false);
        try
        {
            await cable.PlugInAsync(cancellationToken).ConfigureAwait(false);
            return cable;
        }
        catch
        {
            cable.Dispose();
            throw;
        }
    }

    public async Task PlugInAsync(CancellationToken cancellationToken)
    {
        if (_socat is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { $"pty,raw,echo=0,link={HostEnd}", $"pty,raw,echo=0,link={ReaderEnd}" },
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start (install the Debian package socat).");
        _socat.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        while (!(File.Exists(HostEnd) && File.Exists(ReaderEnd)))
        {
            if (_socat.HasExited)
            {
                throw new InvalidOperationException($"socat stopped at once (exit code {_socat.ExitCode}).");
            }

            await Task.Delay(20, limit.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The cable is pulled: socat exits, both ptys close and their names go.</summary>
    public void Unplug()
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
        Unplug();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
