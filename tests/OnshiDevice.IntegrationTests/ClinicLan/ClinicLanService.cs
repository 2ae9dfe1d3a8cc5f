using System.Net;
using System.Net.Sockets;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.TestSupport;

namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>
/// A clinic as docs/CLINIC-LAN.md sets it up, with the real programs: `onshi-device ca init` in a temporary folder,
/// `client issue reception-1`, `client issue revoked-pc` then `client revoke revoked-pc`, and `onshi-device --simulate`
/// with its LAN listener on 127.0.0.1 (never another address). Logs at Trace; at teardown every console line of the
/// service is searched for the cards' PINs, the CA passphrase, the .p12 password and personal data.
/// </summary>
public sealed class ClinicLanService : IAsyncLifetime
{
    public const string CaPassphrase = "integration-clinic-passphrase";
    public const string Pkcs12Password = "integration-p12-password";
    public const string Client = "reception-1";
    public const string RevokedClient = "revoked-pc";

    private readonly SensitiveTextScanner _scanner = SensitiveTextScanner.ForCatalogueCards();
    private RunningProgram? _service;

    public string Root { get; } = Directory.CreateTempSubdirectory("onshi-clinic-lan-").FullName;

    public string CaFolder => Path.Combine(Root, "ca");

    public string PassphraseFile => Path.Combine(Root, "passphrase");

    public string Pkcs12PasswordFile => Path.Combine(Root, "p12-password");

    /// <summary>host:port of the LAN listener (127.0.0.1).</summary>
    public string LanAddress { get; private set; } = "";

    public IReadOnlyList<string> Output => _service?.OutputLines ?? [];

    public string RecentOutput => _service?.RecentOutput ?? "";

    public string ClientFolder(string name) => Path.Combine(CaFolder, "clients", name);

    public async Task InitializeAsync()
    {
        _scanner.AddSecret(CaPassphrase, "the CA passphrase");
        _scanner.AddSecret(Pkcs12Password, "the .p12 password");
        await File.WriteAllTextAsync(PassphraseFile, CaPassphrase + "\n");
        await File.WriteAllTextAsync(Pkcs12PasswordFile, Pkcs12Password + "\n");

        await AdminAsync("ca", "init", "--clinic", "Integration Clinic", "--ip", "127.0.0.1", "--host", "localhost", "--passphrase-file", PassphraseFile);
        await IssueAsync(Client);
        await IssueAsync(RevokedClient);
        await AdminAsync("client", "revoke", RevokedClient);

        var port = FreeLoopbackPort();
        LanAddress = $"127.0.0.1:{port}";
        _service = RunningProgram.Start(BuiltProgram.Service.Launch(
                "--simulate",
                "--OnshiDevice:Listeners:Socket=off",
                "--OnshiDevice:Listeners:Loopback=off",
                $"--OnshiDevice:Listeners:Lan=https://{LanAddress}",
                $"--OnshiDevice:ClinicCa:Folder={CaFolder}") with
        {
            Environment = new Dictionary<string, string?>
            {
                ["Logging__LogLevel__Default"] = "Trace",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            },
        });

        // Generous: the machine may be busy. A service that exits says why.
        await _service.WaitUntilReachableAsync<SocketException>(
            async cancellation =>
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellation);
            },
            TimeSpan.FromSeconds(90));
    }

    /// <summary>An `onshi-device` CA or client command against this clinic's CA folder; it must succeed.</summary>
    public async Task<ProgramResult> AdminAsync(params string[] arguments)
    {
        var result = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch([.. arguments, "--ca-folder", CaFolder]));
        Assert.True(result.ExitCode == 0, $"onshi-device {string.Join(' ', arguments)}: {result}");
        return result;
    }

    public Task<ProgramResult> IssueAsync(string name) =>
        AdminAsync("client", "issue", name, "--passphrase-file", PassphraseFile, "--p12-password-file", Pkcs12PasswordFile);

    /// <summary>The Node client (tools/grpc-node-client) in a mode, with the client files of <paramref name="name"/> (PEM or .p12), or none.</summary>
    public Task<ProgramResult> NodeAsync(string mode, string? name, bool pkcs12 = false, string? caCertificate = null)
    {
        var client = Path.Combine(RepositoryFolder.Root, "tools", "grpc-node-client");
        Assert.True(
            Directory.Exists(Path.Combine(client, "node_modules", "@grpc", "grpc-js")),
            $"{client}/node_modules is missing: run scripts/setup (npm ci --prefix tools/grpc-node-client)");
        var environment = new Dictionary<string, string?>
        {
            ["ONSHI_LAN_ADDRESS"] = LanAddress,
            ["ONSHI_CA_CERT"] = caCertificate ?? Path.Combine(CaFolder, "ca.crt"),
            ["ONSHI_PIN"] = VirtualMyNumberCards.AuthPin,
            ["NODE_NO_WARNINGS"] = "1",
        };
        if (name is not null && pkcs12)
        {
            environment["ONSHI_CLIENT_P12"] = Path.Combine(ClientFolder(name), name + ".p12");
            environment["ONSHI_P12_PASSWORD"] = Pkcs12Password;
        }
        else if (name is not null)
        {
            environment["ONSHI_CLIENT_CERT"] = Path.Combine(ClientFolder(name), name + ".crt");
            environment["ONSHI_CLIENT_KEY"] = Path.Combine(ClientFolder(name), name + ".key");
        }

        return ProgramRun.ToExitAsync(new ProgramLaunch("node", [Path.Combine(client, "client.mjs"), mode]) { Environment = environment });
    }

    /// <summary>`onshi` over the LAN listener with the PEM files of <paramref name="name"/>.</summary>
    public Task<ProgramResult> CliAsync(string name, params string[] arguments) =>
        ProgramRun.ToExitAsync(BuiltProgram.Cli.Launch(
            ["--address", $"https://{LanAddress}", "--client-cert", Path.Combine(ClientFolder(name), name + ".crt"), "--timeout", "60", .. arguments]));

    public async Task DisposeAsync()
    {
        var output = Output;
        if (_service is not null)
        {
            await _service.DisposeAsync();
            output = _service.OutputLines;
        }

        Directory.Delete(Root, recursive: true);
        Assert.Contains(output, line => line.StartsWith("trce:", StringComparison.Ordinal));
        PrivacyTripwires.AssertNoSensitiveText(output, _scanner, "The onshi-device program's console (clinic LAN)");
        ServiceDefects.AssertNone(output, "The onshi-device program's console (clinic LAN)");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
