using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>What `onshi --address` accepts before any connection: plain http to this PC only, https only with a client certificate.</summary>
public sealed class CliAddressTests
{
    [Theory]
    [InlineData("http://192.0.2.10:50151", "error: --address http://192.0.2.10:50151: plain HTTP to 192.0.2.10 would send PINs unencrypted")]
    [InlineData("http://reception-pc:50151", "error: --address http://reception-pc:50151: plain HTTP to reception-pc would send PINs unencrypted")]
    [InlineData("https://192.0.2.10:50152", "error: --address https://192.0.2.10:50152: an https address needs --client-cert")]
    [InlineData("ftp://127.0.0.1:50151", "error: --address ftp://127.0.0.1:50151: use unix:/path")]
    [InlineData("192.0.2.10:50152", "error: --address 192.0.2.10:50152: an https address needs --client-cert")]
    public async Task An_address_the_rule_refuses_never_opens_a_channel(string address, string expected)
    {
        var (exitCode, error) = await RunAsync("--address", address, "readers");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_certificate_with_a_plain_http_address_is_refused()
    {
        var (exitCode, error) = await RunAsync("--address", "http://127.0.0.1:50151", "--client-cert", typeof(CliAddressTests).Assembly.Location, "readers");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("error: --client-cert goes with an https address", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:50151")]
    [InlineData("http://localhost:50151")]
    [InlineData("http://[::1]:50151")]
    [InlineData("127.0.0.1:50151")]
    [InlineData("localhost:50151")]
    [InlineData("[::1]:50151")]
    public async Task Plain_http_to_this_PC_opens_a_channel(string address)
    {
        var (exitCode, error) = await RunAsync("--address", address, "readers");

        Assert.Equal(ExitCodes.ServiceError, exitCode);
        Assert.Equal("error: connected\n", error);
    }

    [Fact]
    public async Task A_missing_client_certificate_file_is_one_line()
    {
        var (exitCode, error) = await RunAsync("--address", "https://127.0.0.1:50152", "--client-cert", "/nonexistent/reception-1.p12", "readers");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("error: --client-cert /nonexistent/reception-1.p12: there is no such file (see `onshi readers --help`)\n", error);
    }

    // The channel factory of a plain address stands for "a channel was opened": it fails the command with its own line.
    private static async Task<(int ExitCode, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var raw = new MemoryStream();
        var io = new CliIo { Out = output, Error = error, RawOut = raw, In = new StringReader(""), GetEnvironmentVariable = _ => null };
        var exitCode = await new OnshiCli(io, _ => throw new InvalidOperationException("connected")).RunAsync(args);
        return (exitCode, error.ToString());
    }
}
