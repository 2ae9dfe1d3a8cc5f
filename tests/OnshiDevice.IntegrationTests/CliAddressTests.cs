using OnshiDevice.Cli;
using OnshiDevice.Contracts;

namespace OnshiDevice.IntegrationTests;

/// <summary>Where onshi sends its calls, and the addresses it refuses because a PIN would cross the network in the clear.</summary>
public sealed class CliAddressTests
{
    [Theory]
    [InlineData("unix:/run/onshi-device/onshi-device.sock", "UnixSocket", "/run/onshi-device/onshi-device.sock")]
    [InlineData("unix:///tmp/onshi.sock", "UnixSocket", "/tmp/onshi.sock")]
    [InlineData("pipe:onshi-device", "NamedPipe", "onshi-device")]
    [InlineData("http://127.0.0.1:50151", "Http", "http://127.0.0.1:50151")]
    [InlineData("http://localhost:6000/", "Http", "http://localhost:6000")]
    [InlineData("http://[::1]:7000", "Http", "http://[::1]:7000")]
    [InlineData("127.0.0.1:50151", "Http", "http://127.0.0.1:50151")]
    [InlineData("localhost:50151", "Http", "http://localhost:50151")]
    [InlineData("[::1]:50151", "Http", "http://[::1]:50151")]
    public void Local_addresses_are_accepted(string value, string kind, string target)
    {
        var address = ServiceAddress.Parse(value);

        Assert.Equal(kind, address.Kind.ToString());
        Assert.Equal(target, address.Target);
    }

    [Theory]
    [InlineData("http://192.168.1.10:50151", "plain HTTP to 192.168.1.10 would send PINs unencrypted")]
    [InlineData("http://clinic-pc:50151", "plain HTTP to clinic-pc would send PINs unencrypted")]
    [InlineData("http://0.0.0.0:50151", "plain HTTP to 0.0.0.0 would send PINs unencrypted")]
    [InlineData("https://192.168.1.10:50443", "client certificate")]
    [InlineData("unix:onshi.sock", "absolute path")]
    [InlineData("pipe:", "pipe's name")]
    [InlineData("clinic-pc:50152", "an https address needs --client-cert")]
    [InlineData("192.168.1.10:50152", "an https address needs --client-cert")]
    [InlineData("clinic-pc", "use unix:/path, pipe:NAME, HOST:PORT, http://127.0.0.1:PORT or https://HOST:PORT")]
    [InlineData("127.0.0.1", "use unix:/path")]
    [InlineData("http://127.0.0.1:50151/onshi", "use unix:/path")]
    public void Other_addresses_are_refused(string value, string expected)
    {
        var refused = Assert.Throws<ServiceAddressException>(() => ServiceAddress.Parse(value));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.StartsWith($"--address {value}: ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clinic-pc:50152", "https://clinic-pc:50152")]
    [InlineData("192.168.1.20:50152", "https://192.168.1.20:50152")]
    [InlineData("127.0.0.1:50152", "https://127.0.0.1:50152")]
    public void Host_and_port_with_a_client_certificate_is_the_clinic_lan(string value, string target)
    {
        var address = ServiceAddress.Parse(value, hasClientCertificate: true);

        Assert.Equal(ServiceAddressKind.ClinicLan, address.Kind);
        Assert.Equal(target, address.Target);
    }

    [Fact]
    public void The_default_is_the_developers_socket_when_it_exists_else_the_installed_services()
    {
        static string? Developer(string name) => name == "XDG_RUNTIME_DIR" ? "/run/user/1000" : null;

        Assert.Equal("unix:/run/user/1000/onshi-device/onshi-device.sock", ServiceAddress.Default(Developer, _ => true).ToString());
        Assert.Equal($"unix:{LocalEndpoints.SystemSocketPath}", ServiceAddress.Default(Developer, _ => false).ToString());
        Assert.Equal($"unix:{LocalEndpoints.SystemSocketPath}", ServiceAddress.Default(_ => null, _ => true).ToString());
    }

    [Fact]
    public async Task Plain_http_to_another_host_is_one_line_and_no_call()
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var io = new CliIo { Out = output, Error = error, RawOut = Stream.Null, In = new StringReader("1234\n"), GetEnvironmentVariable = _ => null };
        var connected = false;

        var exitCode = await new OnshiCli(io, address =>
        {
            connected = true;
            return address.CreateChannel();
        }).RunAsync(["--address", "http://192.0.2.1:50151", "pin", "status", "--kind", "auth", "--reader", "Card Reader"]);

        Assert.Equal(1, exitCode);
        Assert.False(connected);
        Assert.Equal("error: --address http://192.0.2.1:50151: plain HTTP to 192.0.2.1 would send PINs unencrypted over the network; use the local socket (the default), loopback (http://127.0.0.1:PORT) or https://192.0.2.1:PORT with --client-cert (docs/CLINIC-LAN.md) (see `onshi pin status --help`)\n", error.ToString());
        Assert.Equal("", output.ToString());
    }
}
