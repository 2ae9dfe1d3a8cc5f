using System.Diagnostics;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki.Revocation;

/// <summary>
/// The CRLs of a folder, parsed into compact per-issuer serial sets. A refresh parses new files
/// off the calling thread and swaps the snapshot atomically, so lookups never wait for a load.
/// Per issuer (Name DER, and AKI when the CRL has one) and per scope (issuingDistributionPoint, delta
/// or complete) the newest well-formed CRL wins, so an issuer may have several CRLs; signatures
/// are checked at lookup time against the CA certificate of the path (cached per CRL and CA key),
/// because which CA a CRL belongs to is only known then. A file that fails to parse keeps the CRL
/// it held in the previous snapshot, so a half-written download never erases revocation data.
/// </summary>
public sealed class CrlStore : IDisposable
{
    private readonly long _maxFileBytes;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private CrlSnapshot _snapshot = CrlSnapshot.Empty;
    private Task? _backgroundLoop;

    /// <param name="folder">The CRL folder; empty when none is configured, so every lookup finds no CRL (CRL_MISSING, never "good").</param>
    public CrlStore(string folder, long maxFileBytes, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Folder = folder;
        _maxFileBytes = maxFileBytes;
        _timeProvider = timeProvider;
    }

    public string Folder { get; }

    /// <summary>Counts of the current snapshot and the outcome of the last refresh.</summary>
    public CrlStoreStatistics Statistics
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            var crls = snapshot.Files.Values.Select(file => file.Crl).Distinct().ToList();
            return new CrlStoreStatistics(
                snapshot.Files.Count,
                crls.Count,
                crls.Sum(crl => (long)crl.Count),
                crls.Sum(crl => crl.MemoryBytes),
                snapshot.LoadedAt,
                snapshot.LoadDuration,
                snapshot.Errors);
        }
    }

    /// <summary>The CRLs of the present snapshot, one per file, in file-name order; never blocks.</summary>
    public IReadOnlyList<LoadedCrl> Loaded =>
        Volatile.Read(ref _snapshot).Files
            .OrderBy(file => file.Key, StringComparer.Ordinal)
            .Select(file => new LoadedCrl(Path.GetFileName(file.Key), file.Value.Crl.Issuer, file.Value.Crl.ThisUpdate, file.Value.Crl.NextUpdate))
            .ToList();

    /// <summary>
    /// The CRLs that may cover certificates issued under <paramref name="issuerName"/> (Name DER) by the key
    /// <paramref name="authorityKeyId"/> (the certificate's AKI; empty when it has none): one per scope, the
    /// newest CRL of that scope with this AKI, else the newest of that scope. Which of them covers a given
    /// certificate is the verifier's decision. Empty when there is none; never blocks.
    /// </summary>
    public IReadOnlyList<CertificateRevocationList> FindAll(ReadOnlySpan<byte> issuerName, ReadOnlySpan<byte> authorityKeyId)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (!snapshot.ByIssuer.TryGetValue(Convert.ToHexString(issuerName), out var groups))
        {
            return [];
        }

        var keyId = authorityKeyId.IsEmpty ? null : Convert.ToHexString(authorityKeyId);
        var found = new CertificateRevocationList[groups.Length];
        for (var index = 0; index < groups.Length; index++)
        {
            var group = groups[index];
            found[index] = keyId is not null && group.NewestByKey.TryGetValue(keyId, out var keyed) ? keyed : group.Newest;
        }

        return found;
    }

    /// <summary>Re-reads the folder now; finished when the new snapshot is in place.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (Folder.Length == 0)
        {
            return;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Volatile.Read(ref _snapshot);
            var next = await Task.Run(() => Load(previous, cancellationToken), cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _snapshot, next);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Refreshes every <paramref name="interval"/> until disposed, the first one interval from now: the first
    /// load is the caller's <see cref="RefreshAsync"/>, awaited before it serves, so it is not read twice.
    /// </summary>
    public void StartBackgroundRefresh(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        if (_backgroundLoop is not null)
        {
            throw new InvalidOperationException("Background refresh is already running.");
        }

        _backgroundLoop = Task.Run(() => RefreshLoopAsync(interval, _disposed.Token));
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        try
        {
            // The loop only awaits cancellable waits; the bound keeps Dispose from hanging on a slow parse.
            _backgroundLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Cancellation surfaces here; the loop records its own failures.
        }

        _disposed.Dispose();
    }

    private async Task RefreshLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, _timeProvider);
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Builds the next snapshot; never throws for folder or file problems, it records them and keeps old data.</summary>
    private CrlSnapshot Load(CrlSnapshot previous, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var errors = new List<string>();
        string[] paths;
        try
        {
            paths = Directory.EnumerateFiles(Folder)
                .Where(path => CrlFileFormat.IsCrlFileName(path))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new CrlSnapshot(previous.Files, previous.ByIssuer, previous.LoadedAt, previous.LoadDuration,
                [$"CRL folder '{Folder}' cannot be read: {exception.Message}"]);
        }

        var files = new Dictionary<string, LoadedCrlFile>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var loaded = LoadFile(path, previous.Files.GetValueOrDefault(path), errors);
            if (loaded is not null)
            {
                files[path] = loaded;
            }
        }

        return new CrlSnapshot(files, Group(files.Values.Select(file => file.Crl)), _timeProvider.GetUtcNow(), stopwatch.Elapsed, errors);
    }

    /// <summary>Per issuer Name, per scope: the newest CRL, and the newest per AKI.</summary>
    private static Dictionary<string, CrlScopeGroup[]> Group(IEnumerable<CertificateRevocationList> crls)
    {
        var newest = new Dictionary<(string Name, string Scope), CertificateRevocationList>();
        var newestByKey = new Dictionary<(string Name, string Scope), Dictionary<string, CertificateRevocationList>>();
        foreach (var crl in crls)
        {
            var key = (Convert.ToHexString(crl.IssuerName.Span), crl.ScopeKey);
            KeepNewest(newest, key, crl);
            if (!crl.AuthorityKeyIdentifier.IsEmpty)
            {
                if (!newestByKey.TryGetValue(key, out var byKey))
                {
                    byKey = new Dictionary<string, CertificateRevocationList>(StringComparer.Ordinal);
                    newestByKey[key] = byKey;
                }

                KeepNewest(byKey, Convert.ToHexString(crl.AuthorityKeyIdentifier.Span), crl);
            }
        }

        return newest
            .GroupBy(entry => entry.Key.Name, StringComparer.Ordinal)
            .ToDictionary(
                issuer => issuer.Key,
                issuer => issuer
                    .OrderBy(entry => entry.Key.Scope, StringComparer.Ordinal)
                    .Select(entry => new CrlScopeGroup(entry.Value, newestByKey.GetValueOrDefault(entry.Key) ?? new(StringComparer.Ordinal)))
                    .ToArray(),
                StringComparer.Ordinal);
    }

    private LoadedCrlFile? LoadFile(string path, LoadedCrlFile? previous, List<string> errors)
    {
        try
        {
            var info = new FileInfo(path);
            if (previous is not null && previous.Length == info.Length && previous.LastWriteUtc == info.LastWriteTimeUtc)
            {
                return previous;
            }

            if (info.Length > _maxFileBytes)
            {
                errors.Add($"{path}: {info.Length} bytes is above the limit of {_maxFileBytes}; skipped.");
                return previous;
            }

            var bytes = File.ReadAllBytes(path);
            var crl = CertificateRevocationList.Parse(CrlFileFormat.Decode(bytes));
            if (crl.Problem is not null)
            {
                errors.Add($"{path}: {crl.Problem}");
            }

            return new LoadedCrlFile(crl, info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or MalformedCertificateException or FormatException or ArgumentException)
        {
            var kept = previous is null ? string.Empty : " (the previous version is kept)";
            errors.Add($"{path}: {exception.Message}{kept}");
            return previous;
        }
    }

    /// <summary>A newer thisUpdate wins; an unusable CRL never displaces a usable one.</summary>
    private static void KeepNewest<TKey>(Dictionary<TKey, CertificateRevocationList> map, TKey key, CertificateRevocationList crl)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var existing)
            || (existing.Problem is not null && crl.Problem is null)
            || ((existing.Problem is null) == (crl.Problem is null) && crl.ThisUpdate > existing.ThisUpdate))
        {
            map[key] = crl;
        }
    }
}
