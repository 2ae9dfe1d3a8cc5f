namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// The console of `onshi checkin attend`, written by two loops at once (the events, the staff keys): one line at a
/// time, and nothing from the keys once the desk has closed, so the command's last line (an error) comes last.
/// </summary>
internal sealed class DeskConsole
{
    private readonly CliIo _io;
    private readonly Lock _gate = new();
    private bool _closed;

    public DeskConsole(CliIo io)
    {
        _io = io;
    }

    /// <summary>An event line, on standard output.</summary>
    public void Out(string line) => Write(_io.Out, line);

    /// <summary>What the desk answers a key with (help, a refused entry), on standard error beside the prompts.</summary>
    public void Answer(string line) => Write(_io.Error, line);

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }

    private void Write(TextWriter writer, string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
