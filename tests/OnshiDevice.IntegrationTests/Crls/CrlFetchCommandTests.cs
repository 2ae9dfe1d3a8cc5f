using Microsoft.Extensions.Configuration;
using OnshiDevice.Pki.Fetch;
using OnshiDevice.Server.Crls;

namespace OnshiDevice.IntegrationTests.Crls;

/// <summary>
/// `onshi-device crl fetch`: one line per CRL and a summary; exit 0 when every CRL is current, 3 when one is not
/// (the others still fetched), 1 with one line for a usage or configuration mistake.
/// </summary>
public sealed class CrlFetchCommandTests : IAsyncLifetime
{
    private CrlPublisher _publisher = null!;

    public async Task InitializeAsync() => _publisher = await CrlPublisher.StartAsync();

    public async Task DisposeAsync() => await _publisher.DisposeAsync();

    [Fact]
    public async Task Every_crl_current_is_exit_0_with_a_line_each_and_again_unchanged()
    {
        _publisher.PublishRootCrl("/rarl.crl", 1);
        _publisher.PublishRootCrl("/arl.crl", 1);
        var arlFile = CrlLocation.FileNameFor(_publisher.At("/arl.crl"));

        var first = await RunAsync(_publisher.Settings, "crl", "fetch");
        var second = await RunAsync(_publisher.Settings, "crl", "fetch");

        Assert.Equal(CrlCommands.AllCurrent, first.ExitCode);
        var lines = first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"updated     {_publisher.At("/rarl.crl")}: wrote ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"updated     {_publisher.At("/arl.crl")}: wrote {arlFile} (CRL number 1, thisUpdate ", lines[1], StringComparison.Ordinal);
        Assert.Equal($"2 CRLs in {_publisher.CrlFolder}: 2 updated; the service reads new files within Pki:CrlRefreshInterval (00:10:00)", lines[2]);
        Assert.True(File.Exists(Path.Combine(_publisher.CrlFolder, arlFile)));
        Assert.Empty(first.Error);

        Assert.Equal(CrlCommands.AllCurrent, second.ExitCode);
        Assert.StartsWith($"unchanged   {_publisher.At("/arl.crl")}: the installed {arlFile} is this CRL", second.Output.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crl_not_brought_up_to_date_is_exit_3_and_the_others_are_still_fetched()
    {
        _publisher.PublishRootCrl("/rarl.crl", 1);
        _publisher.PublishRootCrl("/arl.crl", 1);
        Assert.Equal(CrlCommands.AllCurrent, (await RunAsync(_publisher.Settings, "crl", "fetch")).ExitCode);
        var arl = Path.Combine(_publisher.CrlFolder, CrlLocation.FileNameFor(_publisher.At("/arl.crl")));
        var installed = File.ReadAllBytes(arl);
        _publisher.PublishRootCrl("/arl.crl", 2, signedByAnotherKey: true);
        _publisher.Withdraw("/rarl.crl");
        _publisher.PublishRootCrl("/extra.crl", 3);

        var result = await RunAsync(_publisher.Settings, "crl", "fetch", "--url", _publisher.At("/extra.crl").AbsoluteUri);

        Assert.Equal(CrlCommands.NotAllCurrent, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"unreachable {_publisher.At("/rarl.crl")}: HTTP 404 Not Found", lines[0]);
        Assert.StartsWith($"refused     {_publisher.At("/arl.crl")}: its signature does not verify with the key of 'CN=Fetch Test Root, O=OnshiDevice Tests, C=JP'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"updated     {_publisher.At("/extra.crl")}: wrote ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"3 CRLs in {_publisher.CrlFolder}: 1 updated, 1 refused, 1 unreachable;", lines[3], StringComparison.Ordinal);
        Assert.Equal(installed, File.ReadAllBytes(arl));
    }

    [Theory]
    [InlineData("crl fetch --timeout 0", "onshi-device: --timeout must be positive and at most 00:05:00, not 00:00:00.")]
    [InlineData("crl fetch --timeout soon", "onshi-device: Cannot parse argument 'soon' for option '--timeout' as expected type 'System.Nullable`1[System.Int32]'.")]
    [InlineData("crl fetch --url ftp://x.test/a.crl", "onshi-device: Pki:CrlFetch:Urls: 'ftp://x.test/a.crl' is not an http:// or https:// address")]
    [InlineData("crl frobnicate", "onshi-device: ")]
    [InlineData("crl", "onshi-device: Required command was not provided.")]
    public async Task A_usage_mistake_is_one_line_and_exit_1(string command, string expected)
    {
        var result = await RunAsync(_publisher.Settings, command.Split(' '));

        Assert.Equal(CrlCommands.UsageOrConfiguration, result.ExitCode);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
        Assert.All(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("onshi-device: ", line, StringComparison.Ordinal));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Configuration_that_cannot_be_fetched_into_is_one_line_and_exit_1()
    {
        var noFolder = _publisher.Settings;
        noFolder.Remove("Pki:Crls");
        var missingAnchors = _publisher.Settings;
        missingAnchors["Pki:TrustAnchors:HpkiSigning"] = Path.Combine(_publisher.Folder, "nowhere");
        var badInterval = _publisher.Settings;
        badInterval["Pki:CrlFetch:Interval"] = "00:01:00";

        Assert.Equal((1, "onshi-device: no CRL folder is configured (Pki:Crls), so there is nowhere to put CRLs\n"), Outcome(await RunAsync(noFolder, "crl", "fetch")));
        var (exitCode, line) = Outcome(await RunAsync(missingAnchors, "crl", "fetch"));
        Assert.Equal(1, exitCode);
        Assert.StartsWith($"onshi-device: Pki:TrustAnchors:HpkiSigning names the folder {Path.Combine(_publisher.Folder, "nowhere")}, which does not exist", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal((1, "onshi-device: Pki:CrlFetch:Interval must be between 00:15:00 and 7.00:00:00, not 00:01:00.\n"), Outcome(await RunAsync(badInterval, "crl", "fetch")));
    }

    [Fact]
    public async Task The_real_program_runs_the_command_with_the_services_settings_from_the_environment()
    {
        _publisher.PublishRootCrl("/rarl.crl", 1);
        _publisher.PublishRootCrl("/arl.crl", 1);
        var environment = _publisher.Settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("crl", "fetch") with { Environment = environment });

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"updated     {_publisher.At("/rarl.crl")}: wrote ", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_publisher.CrlFolder).Length);
    }

    [Fact]
    public async Task The_service_with_a_background_fetch_interval_out_of_bounds_stops_with_one_line()
    {
        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch("--simulate") with
        {
            Environment = new Dictionary<string, string?> { ["Pki__CrlFetch__Enabled"] = "true", ["Pki__CrlFetch__Interval"] = "00:01:00" },
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("onshi-device: Pki:CrlFetch:Interval must be between 00:15:00 and 7.00:00:00, not 00:01:00.\n", result.Error);
    }

    private static (int, string) Outcome(ProgramResult result) => (result.ExitCode, result.Error);

    private async Task<ProgramResult> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var exitCode = await new CrlCommands(output, error, configuration, TimeProvider.System).RunAsync(args, CancellationToken.None);
        return new ProgramResult(exitCode, output.ToString(), error.ToString());
    }
}
