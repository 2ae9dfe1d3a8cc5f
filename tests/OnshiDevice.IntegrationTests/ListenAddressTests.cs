using System.Net;
using OnshiDevice.Server;

namespace OnshiDevice.IntegrationTests;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("http://127.0.0.1:50151", "127.0.0.1", 50151)]
    [InlineData("http://localhost:6000", "127.0.0.1", 6000)]
    [InlineData("http://[::1]:7000", "::1", 7000)]
    public void Loopback_addresses_are_accepted(string listen, string address, int port)
    {
        var parsed = ListenAddress.Parse(listen, allowLan: false);

        Assert.Equal(IPAddress.Parse(address), parsed.Address);
        Assert.Equal(port, parsed.Port);
    }

    [Theory]
    [InlineData("http://0.0.0.0:50151", false)]
    [InlineData("http://192.168.1.10:50151", false)]
    [InlineData("http://0.0.0.0:50151", true)]
    [InlineData("http://[::]:50151", true)]
    public void Lan_addresses_are_refused_even_when_allowed_because_tls_is_missing(string listen, bool allowLan)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ListenAddress.Parse(listen, allowLan));

        Assert.Contains("TLS", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:50151")]
    [InlineData("https://127.0.0.1:50151")]
    [InlineData("http://clinic-pc:50151")]
    [InlineData("http://127.0.0.1:50151/path")]
    public void Malformed_addresses_are_refused(string listen)
    {
        Assert.Throws<InvalidOperationException>(() => ListenAddress.Parse(listen, allowLan: false));
    }
}
