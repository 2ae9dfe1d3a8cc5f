using OnshiDevice.Pki.Fetch;

namespace OnshiDevice.UnitTests.Pki.Fetch;

/// <summary>The download's bounds: redirects within http(s) only and at most five, HTTP errors, the size cap.</summary>
public sealed class CrlDownloaderTests : IAsyncLifetime
{
    private static readonly byte[] Body = [0x30, 0x03, 0x02, 0x01, 0x00];
    private LocalCrlServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalCrlServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_to_http_is_followed(int status)
    {
        _server.Redirect("/old.crl", "/new.crl", status);
        _server.Serve("/new.crl", Body);

        Assert.Equal(Body, await DownloadAsync("/old.crl"));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/x.crl", "redirected to ftp: (only http and https are followed)")]
    [InlineData("file:///etc/passwd", "redirected to file: (only http and https are followed)")]
    [InlineData("ldap://127.0.0.1/cn=x", "redirected to ldap: (only http and https are followed)")]
    public async Task A_redirect_to_another_scheme_is_refused(string location, string why)
    {
        _server.Redirect("/old.crl", location);

        var refused = await Assert.ThrowsAsync<CrlDownloadException>(() => DownloadAsync("/old.crl"));

        Assert.Equal((CrlFetchOutcome.Refused, why), (refused.Outcome, refused.Message));
    }

    [Fact]
    public async Task A_redirect_loop_ends_after_five_redirects()
    {
        _server.Redirect("/a.crl", "/b.crl");
        _server.Redirect("/b.crl", "/a.crl");

        var refused = await Assert.ThrowsAsync<CrlDownloadException>(() => DownloadAsync("/a.crl"));

        Assert.Equal((CrlFetchOutcome.Refused, "more than 5 redirects"), (refused.Outcome, refused.Message));
        Assert.Equal(6, _server.RequestsTo("/a.crl") + _server.RequestsTo("/b.crl"));
    }

    [Fact]
    public async Task An_http_error_is_unreachable_with_its_status()
    {
        _server.Status("/missing.crl", 404);

        var failed = await Assert.ThrowsAsync<CrlDownloadException>(() => DownloadAsync("/missing.crl"));

        Assert.Equal((CrlFetchOutcome.Unreachable, "HTTP 404 Not Found"), (failed.Outcome, failed.Message));
    }

    [Fact]
    public async Task A_body_exactly_at_the_cap_is_read_and_one_byte_more_is_refused()
    {
        _server.Serve("/at-cap.crl", new byte[64]);
        _server.Serve("/over-cap.crl", new byte[65], announceLength: false);

        Assert.Equal(64, (await DownloadAsync("/at-cap.crl", maxBytes: 64)).Length);
        var refused = await Assert.ThrowsAsync<CrlDownloadException>(() => DownloadAsync("/over-cap.crl", maxBytes: 64));
        Assert.Equal((CrlFetchOutcome.Refused, "larger than 64 bytes (Pki:MaxCrlFileBytes)"), (refused.Outcome, refused.Message));
    }

    private async Task<byte[]> DownloadAsync(string path, long maxBytes = 1 << 20)
    {
        using var downloader = new CrlDownloader(TimeSpan.FromSeconds(30), maxBytes);
        return await downloader.DownloadAsync(_server.At(path), CancellationToken.None);
    }
}
