using System.Net;
using System.Net.Http.Headers;

namespace OnshiDevice.Pki.Fetch;

/// <summary>
/// Downloads one CRL over http or https, bounded in every way a server could stretch it: one deadline for the
/// connection, the redirects and the body; at most <see cref="MaxRedirects"/> redirects, each to http or https
/// only; at most the size cap, checked against Content-Length first and counted while reading.
/// </summary>
public sealed class CrlDownloader : IDisposable
{
    /// <summary>Redirects followed before giving up (a CA's repository moves rarely, and a loop must end).</summary>
    public const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly long _maxBytes;

    public CrlDownloader(TimeSpan timeout, long maxBytes)
        : this(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = timeout, AutomaticDecompression = DecompressionMethods.None }, timeout, maxBytes)
    {
    }

    internal CrlDownloader(HttpMessageHandler handler, TimeSpan timeout, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxBytes, 0);
        _http = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("onshi-device", "1"));
        _timeout = timeout;
        _maxBytes = maxBytes;
    }

    /// <summary>The bytes served at <paramref name="location"/>; any failure is a <see cref="CrlDownloadException"/> saying why.</summary>
    public async Task<byte[]> DownloadAsync(Uri location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await FollowAsync(location, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CrlDownloadException(CrlFetchOutcome.Unreachable, $"no complete answer within {_timeout.TotalSeconds:0.###} s", timedOut);
        }
        catch (HttpRequestException failed)
        {
            throw new CrlDownloadException(CrlFetchOutcome.Unreachable, $"cannot connect: {failed.Message}", failed);
        }
        catch (IOException broken)
        {
            throw new CrlDownloadException(CrlFetchOutcome.Unreachable, $"the connection broke: {broken.Message}", broken);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> FollowAsync(Uri location, CancellationToken cancellationToken)
    {
        var current = location;
        for (var redirects = 0; ; redirects++)
        {
            if (!CrlLocation.IsFetchable(current))
            {
                throw new CrlDownloadException(CrlFetchOutcome.Refused, $"redirected to {current.Scheme}: (only http and https are followed)");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode))
            {
                if (redirects == MaxRedirects)
                {
                    throw new CrlDownloadException(CrlFetchOutcome.Refused, $"more than {MaxRedirects} redirects");
                }

                current = response.Headers.Location is { } next
                    ? new Uri(current, next)
                    : throw new CrlDownloadException(CrlFetchOutcome.Refused, $"HTTP {(int)response.StatusCode} without a Location");
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CrlDownloadException(CrlFetchOutcome.Unreachable, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                throw TooLarge();
            }

            return await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var collected = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (collected.Length + read > _maxBytes)
                {
                    throw TooLarge();
                }

                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }
    }

    private CrlDownloadException TooLarge() =>
        new(CrlFetchOutcome.Refused, $"larger than {_maxBytes} bytes (Pki:MaxCrlFileBytes)");

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
