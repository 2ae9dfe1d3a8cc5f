using Grpc.Core;
using System.Security.Cryptography;
using System.Text;
using OnshiDevice.Cli;
using OnshiDevice.Simulators.MyNumber;

namespace OnshiDevice.IntegrationTests;

/// <summary>The `onshi` commands run in-process against the test server.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readers_prints_a_table_with_each_reader_and_the_atr()
    {
        var result = await RunAsync("readers");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("", result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("#  NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains(DeviceServiceHost.CardReaderName, StringComparison.Ordinal) && line.EndsWith(Convert.ToHexString(_host.Card.Atr), StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(DeviceServiceHost.EmptyReaderName, StringComparison.Ordinal) && line.Contains(" no ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Card_info_picks_the_only_reader_with_a_card()
    {
        var result = await RunAsync("card", "info");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Contains($"reader:       {DeviceServiceHost.CardReaderName}", result.Output, StringComparison.Ordinal);
        Assert.Contains("MY_NUMBER", result.Output, StringComparison.Ordinal);
        Assert.Contains("D392F000260100000001", result.Output, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(_host.Card.Atr), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_read_writes_pem_by_default()
    {
        var result = await RunAsync("cert", "read", "--kind", "auth");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal(new string(PemEncoding.Write("CERTIFICATE", _host.Card.AuthCertificate)) + "\n", result.Output);
    }

    [Fact]
    public async Task Cert_read_signing_reads_the_password_from_stdin_and_writes_der_to_a_file()
    {
        await using var host = await DeviceServiceHost.StartAsync(settings: InProcessDeviceService.AllowJpkiSigningCertificateRead);
        var file = Path.Combine(Path.GetTempPath(), $"onshi-cli-test-{Guid.NewGuid():N}.der");
        try
        {
            var result = await InProcessCli.RunAsync(host, new CliOptions { Input = VirtualMyNumberCards.SigningPassword + "\n" }, "cert", "read", "--kind", "signing", "--der", "-o", file);

            Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
            Assert.Equal("", result.Error);
            Assert.Equal(host.Card.SigningCertificate, await File.ReadAllBytesAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Cert_read_signing_when_turned_off_is_one_line_naming_the_setting()
    {
        var result = await RunWithInputAsync(VirtualMyNumberCards.SigningPassword + "\n", "cert", "read", "--kind", "signing");

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("", result.Output);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("set OnshiDevice:AllowJpkiSigningCertificateRead=true", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("[DISABLED_BY_CONFIGURATION]\n", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, _host.CountingCard.Commands);
    }

    [Fact]
    public async Task Cert_read_der_without_a_file_writes_raw_bytes_to_stdout()
    {
        var result = await RunAsync("cert", "read", "--kind", "auth-ca", "--der");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal(_host.Card.AuthCaCertificate, result.RawOutput);
    }

    [Fact]
    public async Task Pin_status_prints_the_tries_left()
    {
        var result = await RunAsync("pin", "status", "--kind", "signing");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("signing: 5 of 5 tries left\n", result.Output);
    }

    [Fact]
    public async Task A_service_error_is_one_line_with_its_reason_and_exit_code_2()
    {
        var result = await RunAsync("card", "info", "--reader", DeviceServiceHost.EmptyReaderName);

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("error: There is no card on the reader. [NO_CARD]\n", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_service_that_is_not_running_is_one_line_saying_so()
    {
        // A socket path nothing listens on (a freed loopback port could be taken by another test's service meanwhile).
        var socket = Path.Combine(Path.GetTempPath(), $"onshi-not-running-{Guid.NewGuid():N}.sock");
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var io = new CliIo { Out = output, Error = error, RawOut = Stream.Null, In = TextReader.Null, GetEnvironmentVariable = _ => null };

        var exitCode = await new OnshiCli(io, address => address.CreateChannel())
            .RunAsync(["--address", $"unix:{socket}", "--timeout", "5", "readers"]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: there is no socket {socket}: onshi-device is not running", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("[SERVICE_UNREACHABLE]\n", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.Internal)]
    public void A_transport_failure_before_any_answer_reads_as_unreachable_whatever_code_the_client_gave_it(StatusCode code)
    {
        // A TLS refusal that lands after the request started surfaces as INTERNAL with the HttpRequestException inside.
        var refused = new RpcException(new Status(code, "Error starting gRPC call. HttpRequestException: An error occurred while sending the request.", new HttpRequestException("refused")));

        var line = CliContext.DescribeError(refused);

        Assert.StartsWith("error: cannot reach the OnshiDevice service", line, StringComparison.Ordinal);
        Assert.EndsWith("[SERVICE_UNREACHABLE]", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_error_the_service_answered_is_not_mistaken_for_an_unreachable_service()
    {
        var line = CliContext.DescribeError(new RpcException(new Status(StatusCode.Internal, "boom")));

        Assert.Equal("error: boom [INTERNAL]", line);
    }

    [Fact]
    public async Task An_unknown_reader_is_reported_as_not_found()
    {
        var result = await RunAsync("pin", "status", "--kind", "auth", "--reader", "Nowhere");

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("[READER_NOT_FOUND]\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_card_anywhere_the_reader_cannot_be_chosen()
    {
        _host.CardReader.Remove();

        var result = await RunAsync("card", "info");

        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("error: no reader holds a card; place a card or choose a reader with --reader [NO_CARD]\n", result.Error);
    }

    [Fact]
    public async Task A_usage_error_exits_with_1()
    {
        var result = await RunAsync("cert", "read", "--kind", "everything");

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.NotEqual("", result.Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("-5")]
    public async Task A_timeout_that_is_not_a_positive_whole_number_is_a_usage_error_not_a_crash(string timeout)
    {
        var result = await RunAsync("--timeout", timeout, "readers");

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Contains("--timeout", result.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_prints_one_line_per_event_until_cancelled()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var result = await RunAsync(new CliOptions { Cancellation = stop.Token }, "watch");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.Error}");
        Assert.Equal("", result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains($"READER_ATTACHED  {DeviceServiceHost.EmptyReaderName}", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains($"CARD_INSERTED    {DeviceServiceHost.CardReaderName} {Convert.ToHexString(_host.Card.Atr)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_call_says_what_it_waits_for_on_a_terminal()
    {
        using var stuck = new StuckCard();
        _host.EmptyReader.Insert(stuck);
        try
        {
            var result = await RunAsync(
                new CliOptions { ErrorIsTerminal = true, ProgressDelay = TimeSpan.FromMilliseconds(100) },
                "card", "info", "--reader", DeviceServiceHost.EmptyReaderName, "--timeout", "3");

            Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}; stderr: {result.Error}");
            Assert.Equal($"waiting for {DeviceServiceHost.EmptyReaderName}...\n", result.Error.Split('\n')[0] + "\n");
            Assert.EndsWith("[DEADLINE_EXCEEDED]\n", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            stuck.Release();
        }
    }

    [Theory]
    [InlineData(null, new string[0], "unix:" + OnshiDevice.Contracts.LocalEndpoints.SystemSocketPath)]
    [InlineData("http://127.0.0.1:6000", new string[0], "http://127.0.0.1:6000")]
    [InlineData("http://127.0.0.1:6000", new[] { "--address", "unix:/tmp/onshi.sock" }, "unix:/tmp/onshi.sock")]
    public async Task The_address_comes_from_the_option_then_ONSHI_ADDRESS_then_the_default(string? environment, string[] options, string expected)
    {
        string? used = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var io = new CliIo
        {
            Out = output,
            Error = error,
            RawOut = Stream.Null,
            In = TextReader.Null,
            GetEnvironmentVariable = name => name == "ONSHI_ADDRESS" ? environment : null,
        };

        var exitCode = await new OnshiCli(io, address =>
        {
            used = address.ToString();
            return _host.CreateChannel();
        }).RunAsync(["readers", .. options]);

        Assert.Equal(0, exitCode);
        Assert.Equal(expected, used);
    }

    private Task<CliResult> RunAsync(params string[] args) => RunAsync(new CliOptions(), args);

    private Task<CliResult> RunWithInputAsync(string input, params string[] args) => RunAsync(new CliOptions { Input = input }, args);

    private Task<CliResult> RunAsync(CliOptions options, params string[] args) => InProcessCli.RunAsync(_host, options, args);
}
