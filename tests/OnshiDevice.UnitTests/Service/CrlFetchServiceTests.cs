using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Fetch;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.Health;
using OnshiDevice.UnitTests.Pki;
using OnshiDevice.UnitTests.Pki.Fetch;

namespace OnshiDevice.UnitTests.Service;

/// <summary>
/// The background fetch: off by default; when on, a fetch at start and one per interval, each result logged,
/// the store re-reading the folder when a CRL changed, the report kept for health, and a CRL left behind degrading
/// the pki check with what happened.
/// </summary>
public sealed class CrlFetchServiceTests : IAsyncLifetime
{
    private readonly RecordingLogger<CrlFetchService> _log = new();
    private readonly CrlFetchState _state = new();
    private FetchPki _pki = null!;
    private CrlStore _crls = null!;

    public async Task InitializeAsync()
    {
        _pki = await FetchPki.StartAsync();
        _crls = new CrlStore(_pki.CrlFolder, 1 << 20, _pki.Time);
    }

    public async Task DisposeAsync()
    {
        _crls.Dispose();
        await _pki.DisposeAsync();
    }

    [Fact]
    public async Task Off_by_default_it_fetches_nothing()
    {
        _pki.ServeCurrentCrls();
        using var service = Service(new PkiOptions());

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!;

        Assert.False(new PkiOptions().CrlFetch.Enabled);
        Assert.False(_state.Enabled);
        Assert.Null(_state.Last);
        Assert.Equal(0, _pki.Server.RequestsTo(FetchPki.ArlPath));
    }

    [Fact]
    public async Task When_enabled_it_fetches_at_start_and_every_interval_and_the_store_reads_the_new_crls_at_once()
    {
        _pki.ServeCurrentCrls();
        var options = Enabled(TimeSpan.FromHours(2));
        using var service = Service(options);
        var first = NextReport();

        await service.StartAsync(CancellationToken.None);
        var report = await first.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(_state.Enabled);
        Assert.True(report.AllCurrent);
        Assert.Same(report, _state.Last);
        Assert.Equal(3, _crls.Statistics.Crls);
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Information
            && entry.Message.StartsWith($"CRL updated from {_pki.Server.At(FetchPki.ArlPath)}, current until ", StringComparison.Ordinal));

        var second = NextReport();
        _pki.Server.Serve(FetchPki.ArlPath, FetchPki.RootCrl(daysOld: 0, number: 2, signer: TestPki.OtherKey));
        _pki.Time.Advance(TimeSpan.FromHours(2));
        var later = await second.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, _pki.Server.RequestsTo(FetchPki.ArlPath));
        Assert.Equal(CrlFetchOutcome.Refused, _pki.ResultFor(later.Results, FetchPki.ArlPath).Outcome);
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning
            && entry.Message.StartsWith($"CRL refused from {_pki.Server.At(FetchPki.ArlPath)}: its signature does not verify", StringComparison.Ordinal)
            && entry.Message.EndsWith("; the installed CRL is kept", StringComparison.Ordinal));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_crl_the_last_fetch_left_behind_degrades_the_pki_check_with_what_happened()
    {
        _pki.ServeCurrentCrls();
        _pki.Server.Status(FetchPki.RarlPath, 503);
        var options = Enabled(TimeSpan.FromHours(6));
        using var service = Service(options);
        var trust = new TrustStore(new Dictionary<CertificatePurpose, IReadOnlyList<OnshiDevice.Pki.Certificates.DerCertificate>>
        {
            [CertificatePurpose.JpkiAuthentication] = _pki.Trust.Anchors,
            [CertificatePurpose.JpkiSigning] = _pki.Trust.Anchors,
            [CertificatePurpose.HpkiSigning] = _pki.Trust.Anchors,
            [CertificatePurpose.HpkiAuthentication] = _pki.Trust.Anchors,
        }, _pki.Trust.Intermediates);
        var check = new PkiHealthCheck(trust, _crls, _state);

        await service.FetchOnceAsync(CancellationToken.None);
        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.EndsWith($"; the CRL fetch at 2026-06-01T00:00:00Z: unreachable {_pki.Server.At(FetchPki.RarlPath)}: HTTP 503 Service Unavailable", result.Description, StringComparison.Ordinal);

        _pki.Server.Serve(FetchPki.RarlPath, FetchPki.Rarl(_pki.Server.At(FetchPki.RarlPath)));
        await service.FetchOnceAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task A_fetch_that_cannot_run_is_logged_and_reported_as_such()
    {
        var options = Enabled(TimeSpan.FromHours(6));
        using var crls = new CrlStore(string.Empty, 1 << 20, _pki.Time);
        using var service = new CrlFetchService(_pki.Trust, crls, Options.Create(options), _state, _pki.Time, _log);

        var report = await service.FetchOnceAsync(CancellationToken.None);

        Assert.Equal("no CRL folder is configured (Pki:Crls), so there is nowhere to put CRLs", report.Failure);
        Assert.False(report.AllCurrent);
        Assert.Contains(_log.Entries, entry => entry.Level == LogLevel.Warning && entry.Message == "CRLs cannot be fetched: no CRL folder is configured (Pki:Crls), so there is nowhere to put CRLs");
    }

    [Theory]
    [InlineData("00:14:59", "00:00:30", null, "Pki:CrlFetch:Interval must be between 00:15:00 and 7.00:00:00, not 00:14:59.")]
    [InlineData("7.00:00:01", "00:00:30", null, "Pki:CrlFetch:Interval must be between 00:15:00 and 7.00:00:00, not 7.00:00:01.")]
    [InlineData("06:00:00", "00:00:00", null, "Pki:CrlFetch:Timeout must be positive and at most 00:05:00, not 00:00:00.")]
    [InlineData("06:00:00", "00:05:01", null, "Pki:CrlFetch:Timeout must be positive and at most 00:05:00, not 00:05:01.")]
    [InlineData("06:00:00", "00:00:30", "ldap://x.test/cn=ca", "Pki:CrlFetch:Urls: 'ldap://x.test/cn=ca' is not an http:// or https:// address")]
    [InlineData("00:15:00", "00:05:00", "https://x.test/ca.crl", null)]
    public void Settings_out_of_bounds_are_refused_naming_the_setting(string interval, string timeout, string? url, string? problem)
    {
        var options = new PkiOptions { CrlFetch = new CrlFetchOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture), Urls = url is null ? [] : [url] } };

        Assert.Equal(problem, options.CrlFetch.Problem());
        Assert.Equal(problem is null, new CrlFetchValidation().Validate(null, options).Succeeded);
    }

    private PkiOptions Enabled(TimeSpan interval) => new()
    {
        Crls = _pki.CrlFolder,
        MaxCrlFileBytes = 1 << 20,
        CrlFetch = new CrlFetchOptions { Enabled = true, Interval = interval, Urls = [_pki.Server.At(FetchPki.CaCrlPath).AbsoluteUri] },
    };

    private CrlFetchService Service(PkiOptions options) => new(_pki.Trust, _crls, Options.Create(options), _state, _pki.Time, _log);

    private Task<CrlFetchReport> NextReport()
    {
        var next = new TaskCompletionSource<CrlFetchReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Handler(object? sender, CrlFetchReport report)
        {
            _state.Reported -= Handler;
            next.TrySetResult(report);
        }

        _state.Reported += Handler;
        return next.Task;
    }
}
