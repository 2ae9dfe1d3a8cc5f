namespace OnshiDevice.Cli.FaceReaders;

/// <summary>
/// The file `onshi checkin attend --photo FILE` shows a visual check's card photo in: created new (never over a file
/// that is there), readable by the owner only on Unix, and deleted when the check-in it belongs to ends and when the
/// desk exits, so the photo outlives its check-in nowhere (the service keeps no copy either).
/// </summary>
internal sealed class PhotoFile : IDisposable
{
    private readonly string _path;

    // The check-in whose photo the file holds; null while there is no file of ours.
    private string? _checkInId;

    public PhotoFile(string path)
    {
        _path = Path.GetFullPath(path);
    }

    public string FullPath => _path;

    /// <summary>Writes the check-in's photo, after deleting an earlier one of ours; an existing file of someone else's is an IOException.</summary>
    public void Write(string checkInId, ReadOnlySpan<byte> png)
    {
        Delete();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(_path, options);
        // Ours from here: a write that fails halfway still leaves a file to delete.
        _checkInId = checkInId;
        stream.Write(png);
    }

    /// <summary>The check-in ended (completed, failed, cancelled): its photo goes.</summary>
    public void CheckInEnded(string checkInId)
    {
        if (_checkInId is not null && string.Equals(_checkInId, checkInId, StringComparison.Ordinal))
        {
            Delete();
        }
    }

    /// <summary>A check-in began: a photo of an earlier one, whose end this desk did not see, goes.</summary>
    public void CheckInStarted(string checkInId)
    {
        if (_checkInId is not null && !string.Equals(_checkInId, checkInId, StringComparison.Ordinal))
        {
            Delete();
        }
    }

    public void Dispose() => Delete();

    private void Delete()
    {
        if (_checkInId is null)
        {
            return;
        }

        File.Delete(_path);
        _checkInId = null;
    }
}
