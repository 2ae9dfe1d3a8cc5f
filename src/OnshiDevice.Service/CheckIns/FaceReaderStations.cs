using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.CheckIn.Card;
using OnshiDevice.Pki;
using OnshiDevice.Service.Cards;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The configured face readers (OnshiDevice:FaceReaders), each a <see cref="FaceReaderStation"/>, started with the
/// host. When the host starts stopping, every check-in in progress is cancelled by the service and every check-in
/// stream ends with SERVICE_STOPPING, before the server waits for its open calls.
/// </summary>
internal sealed class FaceReaderStations : IHostedService, IDisposable
{
    private readonly IReadOnlyList<FaceReaderStation> _stations;
    private readonly RSA? _issuerKey;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly object _stopLock = new();
    private Task? _stopping;
    private CancellationTokenRegistration _onStopping;

    public FaceReaderStations(
        IOptions<OnshiDeviceOptions> options,
        CheckInSetup setup,
        IFaceReaderPorts ports,
        CardCallRunner runner,
        CertificateVerifier verifier,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(ports);
        _lifetime = lifetime;
        _issuerKey = setup.CardFaceIssuerKey;
        var lockout = new FaceAuthLockout();
        _stations = options.Value.FaceReaders
            .OrderBy(reader => reader.Key, StringComparer.Ordinal)
            .Select(reader => FaceReaderStation.Start(
                reader.Key,
                reader.Value,
                ports.For(reader.Key, reader.Value),
                new CheckInCard(new ServiceCardSlot(runner, reader.Value.CardSlotReader), verifier, _issuerKey, time),
                setup,
                lockout,
                options.Value.MaxWatchStreams,
                time,
                loggers))
            .ToArray();
    }

    /// <summary>Every configured reader, by id.</summary>
    public IReadOnlyList<FaceReaderStation> All => _stations;

    public IReadOnlyList<string> Ids => _stations.Select(station => station.Id).ToArray();

    public FaceReaderStation? Find(string id) => _stations.FirstOrDefault(station => string.Equals(station.Id, id, StringComparison.Ordinal));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Streams end as soon as the host starts stopping: the server waits for open calls before it stops the hosted
        // services, and a desk's stream stays open all day.
        _onStopping = _lifetime.ApplicationStopping.Register(() => _ = StopAllAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopAllAsync().WaitAsync(cancellationToken);

    public void Dispose()
    {
        _onStopping.Dispose();
        _issuerKey?.Dispose();
    }

    private Task StopAllAsync()
    {
        lock (_stopLock)
        {
            return _stopping ??= Task.WhenAll(_stations.Select(station => station.StopAsync()));
        }
    }
}
