using System.Net;

namespace OnshiDevice.Cli.Connection;

/// <summary>
/// The rule for --address: plain HTTP only to this PC (loopback), since a PIN would cross the LAN in the clear;
/// https only with a client certificate, which the service's LAN listener requires.
/// </summary>
internal static class ServiceAddress
{
    public static Uri Check(string address, bool hasClientCertificate)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
        {
            throw new CliException($"--address must look like http://127.0.0.1:50151 or https://HOST:50152; got \"{address}\"");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new CliException($"refusing plain http to {uri.Host}, which is not this PC: PINs would cross the network in the clear; use https://{uri.Host}:50152 with --client-cert (docs/CLINIC-LAN.md)");
        }

        if (uri.Scheme == Uri.UriSchemeHttps && !hasClientCertificate)
        {
            throw new CliException("an https address needs --client-cert: the clinic LAN listener accepts only clients with a certificate of the clinic CA");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && hasClientCertificate)
        {
            throw new CliException("--client-cert goes with an https address (the clinic LAN listener); a plain http address has no TLS to present it on");
        }

        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
