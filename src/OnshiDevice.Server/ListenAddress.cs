using System.Net;

namespace OnshiDevice.Server;

/// <summary>
/// The address Kestrel listens on. Loopback only: a LAN listener needs TLS and a client
/// credential, which the service does not implement yet, so non-loopback addresses are refused
/// even with OnshiDevice:AllowLan set.
/// </summary>
internal sealed record ListenAddress(IPAddress Address, int Port)
{
    public static ListenAddress Parse(string listen, bool allowLan)
    {
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"OnshiDevice:Listen must look like http://127.0.0.1:50151; got \"{listen}\".");
        }

        var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : null;
        if (address is null)
        {
            throw new InvalidOperationException($"OnshiDevice:Listen needs an IP address or localhost; got \"{uri.Host}\".");
        }

        if (!IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException(allowLan
                ? $"OnshiDevice:Listen {address} is not a loopback address. LAN listening requires TLS and client credentials, which are not implemented yet; listen on 127.0.0.1 instead."
                : $"OnshiDevice:Listen {address} is not a loopback address. The service listens on loopback only (a LAN listener would need OnshiDevice:AllowLan and TLS, which is not implemented yet).");
        }

        return new ListenAddress(address, uri.Port);
    }
}
