using System.Net;

namespace OnshiDevice.ClinicCa;

/// <summary>The host names and IP addresses the LAN listener's certificate names (its subject alternative names).</summary>
public sealed record ServerNames(IReadOnlyList<string> HostNames, IReadOnlyList<IPAddress> Addresses)
{
    private const int MaxHostNameLength = 253;

    /// <summary>The names given, checked; with none at all, this PC's host name, localhost and the loopback addresses.</summary>
    public static ServerNames From(IEnumerable<string> hostNames, IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(hostNames);
        ArgumentNullException.ThrowIfNull(addresses);
        var hosts = hostNames.Select(CheckedHostName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ips = addresses.Select(CheckedAddress).Distinct().ToList();
        if (hosts.Count == 0 && ips.Count == 0)
        {
            hosts = [.. new[] { Dns.GetHostName(), "localhost" }.Distinct(StringComparer.OrdinalIgnoreCase)];
            ips = [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        return new ServerNames(hosts, ips);
    }

    /// <summary>The first name, for the certificate's subject.</summary>
    public string CommonName => HostNames.Count > 0 ? HostNames[0] : Addresses[0].ToString();

    private static string CheckedHostName(string name)
    {
        var isHostName = name.Length is > 0 and <= MaxHostNameLength
            && Uri.CheckHostName(name) == UriHostNameType.Dns
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
        return isHostName ? name : throw new ClinicCaException($"--host {name} is not a host name (letters, digits, '-' and '.'; an IP address goes with --ip)");
    }

    private static IPAddress CheckedAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new ClinicCaException($"--ip {text} is not an IP address");
}
