using System.Globalization;
using System.Reflection;
using OnshiDevice.Contracts;
using OnshiDevice.Pki;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service;

namespace OnshiDevice.Server;

/// <summary>
/// <c>onshi-device --help</c> and <c>--version</c>: answered before anything else is read, so they
/// print and exit without starting the server or touching PC/SC.
/// </summary>
internal static class HostInformation
{
    private static readonly string[] HelpSwitches = ["--help", "-h", "-?"];
    private const string VersionSwitch = "--version";

    /// <summary>The informational version of the host (the product version, with the commit when the build knew it).</summary>
    public static string Version =>
        typeof(HostInformation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HostInformation).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The text to print for --help or --version (the first one given), or null to start the service.</summary>
    public static string? AnswerFor(IReadOnlyList<string> args, IEnumerable<string> cardNames)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (var arg in args)
        {
            if (HelpSwitches.Contains(arg, StringComparer.Ordinal))
            {
                return Help(cardNames);
            }

            if (arg == VersionSwitch)
            {
                return $"onshi-device {Version}\n";
            }
        }

        return null;
    }

    private static string Help(IEnumerable<string> cardNames)
    {
        var service = new OnshiDeviceOptions();
        var pki = new PkiOptions();
        string Line(string key, string meaning) => string.Create(CultureInfo.InvariantCulture, $"  {key,-34} {meaning}\n");
        return
            $"onshi-device {Version}: the OnshiDevice service (gRPC: onshi.device.v1 Readers, Cards, Certificates)\n" +
            "\n" +
            "Usage: onshi-device [--simulate [--simulate-card NAME]] [--trust-test-roots] [--SECTION:KEY=VALUE ...]\n" +
            "       onshi-device ca init | client issue NAME | client list | client revoke NAME  (the clinic CA: docs/CLINIC-LAN.md)\n" +
            "       onshi-device crl fetch [--url URL ...] [--timeout SECONDS]  (download the CRLs into Pki:Crls: docs/HPKI.md)\n" +
            "\n" +
            "Switches:\n" +
            Line("--simulate", "serve in-process virtual readers instead of PC/SC, trusting the simulators' test PKI") +
            Line("--simulate-card NAME", $"the virtual card on reader 0 (default {SimulationArguments.DefaultCard}): {string.Join(", ", cardNames)}") +
            Line(TestTrustGuard.Switch, "accept the simulators' test roots in the configured trust folders (virtual cards in the real PC/SC)") +
            Line("-h, --help", "print this help and exit") +
            Line("--version", "print the version and exit") +
            "\n" +
            "Settings (appsettings.json beside the executable, environment variables such as\n" +
            "OnshiDevice__Listeners__Socket, or arguments such as --OnshiDevice:Listeners:Loopback=http://127.0.0.1:50152):\n" +
            Line(ListenerPlan.SocketKey, $"Unix socket for local callers, or off (default {LocalEndpoints.SystemSocketPath} as root, else under $XDG_RUNTIME_DIR)") +
            Line(ListenerPlan.SocketModeKey, "file mode of the socket (default 0660; never writable by others)") +
            Line(ListenerPlan.SocketGroupKey, "group of the socket, a name or id (default: the service's group)") +
            Line(ListenerPlan.PipeKey, $"Windows named pipe for local callers, or off (default {LocalEndpoints.PipeName})") +
            Line(ListenerPlan.LoopbackKey, $"h2c on loopback for development, or off (default {LocalEndpoints.DevelopmentLoopbackUrl} under --simulate, else off)") +
            Line(ListenerPlan.LanKey, "the clinic LAN (HTTPS with client certificates of the clinic CA)") +
            Line($"{OnshiDeviceOptions.SectionName}:{nameof(OnshiDeviceOptions.DefaultCallTimeout)}", $"longest card call without an earlier client deadline (default {service.DefaultCallTimeout:c})") +
            Line($"{OnshiDeviceOptions.SectionName}:{nameof(OnshiDeviceOptions.ReaderLockTimeout)}", $"longest wait for another call on the same reader (default {service.ReaderLockTimeout:c})") +
            Line($"{OnshiDeviceOptions.SectionName}:{nameof(OnshiDeviceOptions.MaxWatchStreams)}", $"most Readers.WatchReaders streams served at once (default {service.MaxWatchStreams})") +
            Line($"{OnshiDeviceOptions.SectionName}:{nameof(OnshiDeviceOptions.AllowJpkiSigningCertificateRead)}", $"let Cards.ReadCertificate read the JPKI signing certificate (default {service.AllowJpkiSigningCertificateRead.ToString().ToLowerInvariant()})") +
            Line(Listeners.LanListener.AddressKey, "the clinic LAN listener, mutual TLS (e.g. https://0.0.0.0:50152; default none)") +
            Line(ClinicCa.ClinicCaSettings.FolderKey, $"the clinic CA folder (default {ClinicCa.ClinicCaSettings.DefaultFolder})") +
            Line($"{PkiOptions.SectionName}:{nameof(PkiOptions.TrustAnchors)}:PURPOSE", $"folder of trust anchors per purpose ({string.Join(", ", Enum.GetNames<CertificatePurpose>())})") +
            Line($"{PkiOptions.SectionName}:{nameof(PkiOptions.Intermediates)}", "folder of CA certificates that may complete a path") +
            Line($"{PkiOptions.SectionName}:{nameof(PkiOptions.Crls)}", "folder of CRLs, re-read in the background") +
            Line($"{PkiOptions.SectionName}:{nameof(PkiOptions.CrlRefreshInterval)}", $"how often the CRL folder is re-read (default {pki.CrlRefreshInterval:c})") +
            Line($"{PkiOptions.SectionName}:{nameof(PkiOptions.MaxCrlFileBytes)}", $"largest CRL file read (default {pki.MaxCrlFileBytes})") +
            Line("Pki:CrlFetch:Enabled", $"fetch the CRLs in the background, as `crl fetch` does (default {pki.CrlFetch.Enabled.ToString().ToLowerInvariant()})") +
            Line("Pki:CrlFetch:Interval", $"how often (default {pki.CrlFetch.Interval:c}, {OnshiDevice.Pki.Fetch.CrlFetchOptions.MinimumInterval:c} to {OnshiDevice.Pki.Fetch.CrlFetchOptions.MaximumInterval:c})") +
            Line("Pki:CrlFetch:Timeout", $"longest download of one CRL (default {pki.CrlFetch.Timeout:c})") +
            Line("Pki:CrlFetch:Urls:N", "more CRL addresses to fetch (a CA's CRL for the cards)") +
            "\n" +
            "Docs: README.md, docs/ERRORS.md (errors, health, settings), docs/HPKI.md (trust), docs/CLINIC-LAN.md (clinic CA, LAN).\n";
    }
}
