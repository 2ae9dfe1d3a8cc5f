namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// Fetches every CRL of a trust configuration (<see cref="CrlSources"/>) into the CRL folder: each is downloaded,
/// judged (<see cref="CrlAcceptance"/>) and, when newer, written atomically (<see cref="CrlFolderWriter"/>). One
/// CRL's failure never stops the others, and never touches the file it would have replaced. The store picks the
/// new files up on its next refresh.
/// </summary>
public sealed class CrlFetcher
{
    private const int Parallelism = 4;

    private readonly TrustStore _trust;
    private readonly string _folder;
    private readonly CrlDownloader _downloader;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<Uri> _configured;
    private readonly long _maxFileBytes;

    /// <param name="folder">The CRL folder (Pki:Crls), resolved; empty when none is configured.</param>
    /// <param name="configured">Addresses to fetch besides those the certificates and installed CRLs name (Pki:CrlFetch:Urls).</param>
    public CrlFetcher(TrustStore trust, string folder, CrlDownloader downloader, TimeProvider time, IEnumerable<Uri> configured, long maxFileBytes)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(configured);
        _trust = trust;
        _folder = folder;
        _downloader = downloader;
        _time = time;
        _configured = configured.ToArray();
        _maxFileBytes = maxFileBytes;
    }

    /// <summary>
    /// One result per address, in the order of <see cref="CrlSources"/>. Raises <see cref="CrlFetchException"/> only
    /// when nothing can be fetched at all: no CRL folder, a folder that is not there, or no address to fetch from.
    /// </summary>
    public async Task<IReadOnlyList<CrlFetchResult>> FetchAllAsync(CancellationToken cancellationToken)
    {
        if (_folder.Length == 0)
        {
            throw new CrlFetchException("no CRL folder is configured (Pki:Crls), so there is nowhere to put CRLs");
        }

        if (!Directory.Exists(_folder))
        {
            throw new CrlFetchException($"the CRL folder {_folder} (Pki:Crls) does not exist");
        }

        var installed = InstalledCrl.ReadFolder(_folder, _maxFileBytes);
        var sources = CrlSources.From(_trust, installed, _configured);
        if (sources.Count == 0)
        {
            throw new CrlFetchException("no configured certificate names an http(s) CRL distribution point, and Pki:CrlFetch:Urls is empty");
        }

        var results = new CrlFetchResult[sources.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await FetchAsync(sources[index], installed, token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task<CrlFetchResult> FetchAsync(CrlSource source, IReadOnlyList<InstalledCrl> installed, CancellationToken cancellationToken)
    {
        byte[] downloaded;
        try
        {
            downloaded = await _downloader.DownloadAsync(source.Location, cancellationToken).ConfigureAwait(false);
        }
        catch (CrlDownloadException failed)
        {
            return new CrlFetchResult(source.Location, failed.Outcome, failed.Message);
        }

        var verdict = CrlAcceptance.Judge(downloaded, source, _trust, installed, _time.GetUtcNow());
        if (verdict.Crl is not { } crl)
        {
            return new CrlFetchResult(source.Location, verdict.Outcome, verdict.Detail);
        }

        var detail = verdict.Detail;
        if (verdict.Der is { } der)
        {
            try
            {
                CrlFolderWriter.Replace(_folder, source.FileName, der);
            }
            catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
            {
                return new CrlFetchResult(source.Location, CrlFetchOutcome.Refused, $"cannot be written into {_folder}: {unwritable.Message}");
            }

            detail = $"wrote {source.FileName}";
        }

        var number = crl.CrlNumber is { } n ? $"CRL number {n}, " : string.Empty;
        return new CrlFetchResult(
            source.Location,
            verdict.Outcome,
            $"{detail} ({number}thisUpdate {CrlFetchResult.Time(crl.ThisUpdate)}, nextUpdate {CrlFetchResult.Time(crl.NextUpdate!.Value)})",
            verdict.Der is null ? null : source.FileName,
            crl.ThisUpdate,
            crl.NextUpdate,
            crl.CrlNumber);
    }
}
