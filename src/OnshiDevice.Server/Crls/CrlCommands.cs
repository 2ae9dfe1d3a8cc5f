using System.CommandLine;
using Microsoft.Extensions.Configuration;
using OnshiDevice.Pki;
using OnshiDevice.Pki.Fetch;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.Configuration;

namespace OnshiDevice.Server.Crls;

/// <summary>
/// <c>onshi-device crl fetch</c>: downloads the CRLs of the configured trust into the CRL folder, run instead of
/// the service (by hand, cron or a systemd timer; docs/HPKI.md "Keeping CRLs current"). One line per CRL; exit 0
/// when every CRL is current, 3 when one or more could not be brought up to date (the others still were), 1 for a
/// usage or configuration mistake, told in one line on stderr.
/// </summary>
internal sealed class CrlCommands
{
    /// <summary>Every CRL is current (updated or unchanged).</summary>
    public const int AllCurrent = 0;

    /// <summary>A usage or configuration mistake: nothing was fetched.</summary>
    public const int UsageOrConfiguration = 1;

    /// <summary>At least one CRL was refused or its distribution point unreachable; its installed CRL is kept.</summary>
    public const int NotAllCurrent = 3;

    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly IConfiguration _configuration;
    private readonly TimeProvider _time;

    public CrlCommands(TextWriter output, TextWriter error, IConfiguration configuration, TimeProvider time)
    {
        _out = output;
        _error = error;
        _configuration = configuration;
        _time = time;
    }

    /// <summary>Whether the arguments are this command rather than the service's.</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["crl", ..];

    /// <summary>With the service's own settings: appsettings.json beside the executable, the system's file, the environment.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.AddSystemConfiguration(Environment.GetEnvironmentVariable);
        return new CrlCommands(Console.Out, Console.Error, builder.Configuration, TimeProvider.System)
            .RunAsync(args, CancellationToken.None);
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var urls = new Option<string[]>("--url") { Description = "Also fetch the CRL at this http(s) address (repeatable), e.g. a CA's CRL for the cards." };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds one CRL's download may take (default Pki:CrlFetch:Timeout, 30)." };
        var fetch = new Command("fetch", "Download every CRL the configured certificates name (and Pki:CrlFetch:Urls), check each, and replace the installed one when newer.") { Options = { urls, timeout } };
        fetch.SetAction((parsed, token) => FetchAsync(parsed.GetValue(urls) ?? [], parsed.GetValue(timeout), token));
        var root = new RootCommand("onshi-device crl: keeping the CRLs current (docs/HPKI.md).") { Subcommands = { new Command("crl", "CRLs of the configured trust.") { Subcommands = { fetch } } } };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await _error.WriteLineAsync($"onshi-device: {error.Message}");
            }

            return UsageOrConfiguration;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = _out, Error = _error }, cancellationToken);
    }

    private async Task<int> FetchAsync(string[] extraUrls, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        try
        {
            var options = _configuration.GetSection(PkiOptions.SectionName).Get<PkiOptions>() ?? new PkiOptions();
            if (timeoutSeconds is { } seconds)
            {
                options.CrlFetch.Timeout = TimeSpan.FromSeconds(seconds);
            }

            options.CrlFetch.Urls = [.. options.CrlFetch.Urls, .. extraUrls];
            if (options.CrlFetch.Problem() is { } problem)
            {
                return await RefuseAsync(timeoutSeconds is not null ? problem.Replace("Pki:CrlFetch:Timeout", "--timeout", StringComparison.Ordinal) : problem);
            }

            // The service's rule for the folders: relative to the settings file that names them, or to the working directory.
            TrustConfiguration.ResolveFolders(options, _configuration);
            var trust = TrustConfiguration.LoadTrustStore(options);
            using var downloader = new CrlDownloader(options.CrlFetch.Timeout, options.MaxCrlFileBytes);
            var folder = TrustConfiguration.CrlFolder(options);
            var fetcher = new CrlFetcher(trust, folder, downloader, _time, options.CrlFetch.Urls.Select(url => new Uri(url)), options.MaxCrlFileBytes);
            var results = await fetcher.FetchAllAsync(cancellationToken);
            foreach (var result in results)
            {
                await _out.WriteLineAsync($"{result.OutcomeName,-11} {result.Location}: {result.Detail}");
            }

            var counts = string.Join(", ", results.GroupBy(result => result.Outcome).OrderBy(group => group.Key).Select(group => $"{group.Count()} {group.First().OutcomeName}"));
            await _out.WriteLineAsync($"{results.Count} CRLs in {folder}: {counts}; the service reads new files within Pki:CrlRefreshInterval ({options.CrlRefreshInterval:c})");
            return results.All(result => result.IsCurrent) ? AllCurrent : NotAllCurrent;
        }
        catch (Exception refused) when (refused is CrlFetchException or TrustStoreException or ConfiguredPathException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // InvalidOperationException: a setting that does not bind (e.g. a timeout that is not a TimeSpan).
            return await RefuseAsync(refused.Message);
        }
    }

    private async Task<int> RefuseAsync(string message)
    {
        await _error.WriteLineAsync($"onshi-device: {message.ReplaceLineEndings(" ")}");
        return UsageOrConfiguration;
    }
}
