namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// The CRLs of a folder, parsed into compact per-issuer serial sets. A refresh parses new files
/// off the calling thread and swaps the snapshot atomically, so lookups never wait for a load.
/// </summary>
public sealed class CrlStore : IDisposable
{
    // SHAPE ONLY: the pki helper fills this in.
    public CrlStore(string folder, long maxFileBytes, TimeProvider timeProvider)
    {
        Folder = folder;
        _ = maxFileBytes;
        _ = timeProvider;
    }

    public string Folder { get; }

    /// <summary>Re-reads the folder now; finished when the new snapshot is in place.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Refreshes every <paramref name="interval"/> until disposed; the first refresh starts at once.</summary>
    public void StartBackgroundRefresh(TimeSpan interval) => throw new NotImplementedException();

    public void Dispose()
    {
    }
}
