using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Revocation;

namespace OnshiDevice.Service.Certificates;

/// <summary>
/// Loads the trust anchors at start-up, so a broken trust folder stops the service with a message
/// naming the file rather than failing the first call. Loads the CRL folder once before the service takes calls (bounded, so a huge folder cannot hold
/// up start-up), then keeps it fresh in the background; lookups never wait for a load.
/// </summary>
internal sealed partial class CrlRefreshService : IHostedService
{
    private static readonly TimeSpan InitialLoadBound = TimeSpan.FromSeconds(15);

    private readonly TrustStore _trustStore;
    private readonly CrlStore _crls;
    private readonly PkiOptions _options;
    private readonly ILogger<CrlRefreshService> _logger;

    public CrlRefreshService(TrustStore trustStore, CrlStore crls, IOptions<PkiOptions> options, ILogger<CrlRefreshService> logger)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        ArgumentNullException.ThrowIfNull(options);
        _trustStore = trustStore;
        _crls = crls;
        _options = options.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogTrust(_trustStore.Anchors.Count);
        if (string.IsNullOrEmpty(_crls.Folder))
        {
            LogNoCrlFolder();
            return;
        }

        try
        {
            await _crls.RefreshAsync(cancellationToken).WaitAsync(InitialLoadBound, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogInitialLoadContinues(InitialLoadBound);
        }

        _crls.StartBackgroundRefresh(_options.CrlRefreshInterval);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{AnchorCount} trust anchors loaded")]
    private partial void LogTrust(int anchorCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No CRL folder is configured (Pki:Crls): every revocation check will report CRL_MISSING")]
    private partial void LogNoCrlFolder();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The CRL folder did not load within {Bound}; the service starts and the load continues in the background")]
    private partial void LogInitialLoadContinues(TimeSpan bound);
}
