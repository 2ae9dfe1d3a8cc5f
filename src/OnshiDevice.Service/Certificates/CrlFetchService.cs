using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Fetch;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Certificates;

/// <summary>
/// The optional background CRL fetch (Pki:CrlFetch:Enabled, off by default): at start and then every
/// Pki:CrlFetch:Interval, what <c>onshi-device crl fetch</c> does, with each result logged as a structured event
/// and kept in <see cref="CrlFetchState"/>; when a CRL was updated the store re-reads the folder at once.
/// </summary>
internal sealed partial class CrlFetchService : BackgroundService
{
    private readonly TrustStore _trust;
    private readonly CrlStore _crls;
    private readonly PkiOptions _options;
    private readonly CrlFetchState _state;
    private readonly TimeProvider _time;
    private readonly ILogger<CrlFetchService> _logger;

    public CrlFetchService(TrustStore trust, CrlStore crls, IOptions<PkiOptions> options, CrlFetchState state, TimeProvider time, ILogger<CrlFetchService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trust = trust;
        _crls = crls;
        _options = options.Value;
        _state = state;
        _time = time;
        _logger = logger;
        _state.Enabled = _options.CrlFetch.Enabled;
    }

    /// <summary>One fetch, its results logged and published, and the store refreshed when a CRL changed.</summary>
    internal async Task<CrlFetchReport> FetchOnceAsync(CancellationToken cancellationToken)
    {
        var fetch = _options.CrlFetch;
        CrlFetchReport report;
        using (var downloader = new CrlDownloader(fetch.Timeout, _options.MaxCrlFileBytes))
        {
            try
            {
                var fetcher = new CrlFetcher(_trust, _crls.Folder, downloader, _time, fetch.Urls.Select(url => new Uri(url)), _options.MaxCrlFileBytes);
                var results = await fetcher.FetchAllAsync(cancellationToken).ConfigureAwait(false);
                report = new CrlFetchReport(_time.GetUtcNow(), results, null);
            }
            catch (Exception failed) when (failed is CrlFetchException or IOException or UnauthorizedAccessException)
            {
                report = new CrlFetchReport(_time.GetUtcNow(), [], failed.Message);
            }
        }

        Log(report);
        if (report.Results.Any(result => result.Outcome == CrlFetchOutcome.Updated))
        {
            await _crls.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        _state.Publish(report);
        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.CrlFetch.Enabled)
        {
            return;
        }

        LogStarted(_options.CrlFetch.Interval);
        using var timer = new PeriodicTimer(_options.CrlFetch.Interval, _time);
        try
        {
            do
            {
                await FetchOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; a download in flight ends with it and no file is half-written.
        }
    }

    private void Log(CrlFetchReport report)
    {
        if (report.Failure is { } failure)
        {
            LogCannotFetch(failure);
            return;
        }

        foreach (var result in report.Results)
        {
            if (result.IsCurrent)
            {
                LogCurrent(result.OutcomeName, result.Location, result.NextUpdate, result.Detail);
            }
            else
            {
                LogNotCurrent(result.OutcomeName, result.Location, result.Detail);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching CRLs from their distribution points every {Interval}")]
    private partial void LogStarted(TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "CRL {Outcome} from {Location}, current until {NextUpdate}: {Detail}")]
    private partial void LogCurrent(string outcome, Uri location, DateTimeOffset? nextUpdate, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CRL {Outcome} from {Location}: {Detail}; the installed CRL is kept")]
    private partial void LogNotCurrent(string outcome, Uri location, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CRLs cannot be fetched: {Failure}")]
    private partial void LogCannotFetch(string failure);
}
