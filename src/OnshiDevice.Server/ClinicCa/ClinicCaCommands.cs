using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.Server.ClinicCa;

/// <summary>
/// <c>onshi-device ca init</c>, <c>client issue NAME</c>, <c>client list</c>, <c>client revoke NAME</c>: the clinic CA's
/// commands, run instead of the service. Every mistake is one line on stderr and exit code 1, never a stack trace.
/// </summary>
internal sealed class ClinicCaCommands
{
    private readonly AdminConsole _console;
    private readonly IConfiguration _configuration;
    private readonly TimeProvider _time;
    private readonly Option<string?> _folder = new("--ca-folder") { Description = $"The clinic CA folder (default {ClinicCaSettings.FolderKey}, else {ClinicCaSettings.DefaultFolder}).", Recursive = true };
    private readonly Option<string?> _passphraseFile = new("--passphrase-file") { Description = $"A file whose first line is the CA passphrase (else ${Secrets.PassphraseVariable}, else asked on the terminal)." };

    public ClinicCaCommands(AdminConsole console, IConfiguration configuration, TimeProvider time)
    {
        _console = console;
        _configuration = configuration;
        _time = time;
    }

    /// <summary>Whether the arguments are one of these commands rather than the service's.</summary>
    public static bool Handles(IReadOnlyList<string> args) => args is ["ca" or "client", ..];

    public static Task<int> RunAsync(string[] args) =>
        new ClinicCaCommands(AdminConsole.FromConsole(), ClinicCaSettings.HostConfiguration(), TimeProvider.System).RunAsync(args, CancellationToken.None);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = new RootCommand("onshi-device: the clinic CA (docs/CLINIC-LAN.md).") { Options = { _folder } };
        root.Subcommands.Add(CaCommand());
        root.Subcommands.Add(ClientCommand());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await _console.Error.WriteLineAsync($"onshi-device: {error.Message}");
            }

            return 1;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = _console.Out, Error = _console.Error }, cancellationToken);
    }

    private Command CaCommand()
    {
        var clinic = new Option<string>("--clinic") { Description = "The clinic's name, in the CA's subject.", DefaultValueFactory = _ => "Clinic" };
        var hosts = new Option<string[]>("--host") { Description = "A host name the reception PCs use for this PC (repeatable)." };
        var ips = new Option<string[]>("--ip") { Description = "An IP address the reception PCs use for this PC (repeatable)." };
        var days = new Option<int>("--server-days") { Description = "Days the LAN listener's certificate is valid.", DefaultValueFactory = _ => ClinicCertificateAuthority.DefaultServerValidity.Days };
        var init = new Command("init", "Create the clinic CA and the LAN listener's certificate in the CA folder.") { Options = { clinic, hosts, ips, days, _passphraseFile } };
        init.SetAction((parsed, _) => Run(parsed, authority =>
        {
            var names = ServerNames.From(parsed.GetValue(hosts) ?? [], parsed.GetValue(ips) ?? []);
            var passphrase = Secrets.CaPassphrase(_console, parsed.GetValue(_passphraseFile), confirm: true);
            authority.Initialize(parsed.GetRequiredValue(clinic), names, passphrase, Days(parsed.GetValue(days)));
            _console.Out.WriteLine($"created the clinic CA in {authority.Folder.Path}");
            _console.Out.WriteLine($"  {authority.Folder.CaCertificate}: give it to every client");
            _console.Out.WriteLine($"  {authority.Folder.ServerCertificate}: the LAN listener, for {string.Join(", ", names.HostNames.Concat(names.Addresses.Select(a => a.ToString())))}");
            _console.Out.WriteLine("back up the folder and keep the passphrase apart from it (docs/CLINIC-LAN.md)");
        }));
        return new Command("ca", "The clinic CA.") { Subcommands = { init } };
    }

    private Command ClientCommand()
    {
        var issueName = new Argument<string>("NAME") { Description = "The client's name (letters, digits, - _ .; at most 64)." };
        var output = new Option<string?>("--out") { Description = "The folder for the client's files (default CA-FOLDER/clients/NAME)." };
        var days = new Option<int>("--days") { Description = "Days the certificate is valid.", DefaultValueFactory = _ => ClinicCertificateAuthority.DefaultClientValidity.Days };
        var p12PasswordFile = new Option<string?>("--p12-password-file") { Description = $"A file whose first line is the .p12 password (else ${Secrets.Pkcs12PasswordVariable}, else one is made and printed once)." };
        var issue = new Command("issue", "Issue a client certificate: NAME.crt, NAME.key, NAME.p12 and ca.crt.") { Arguments = { issueName }, Options = { output, days, _passphraseFile, p12PasswordFile } };
        issue.SetAction((parsed, _) => Run(parsed, authority =>
        {
            var name = ClientName.Parse(parsed.GetValue(issueName));
            var given = Secrets.Pkcs12Password(_console, parsed.GetValue(p12PasswordFile));
            var password = given ?? Secrets.NewPassword();
            var passphrase = Secrets.CaPassphrase(_console, parsed.GetValue(_passphraseFile), confirm: false);
            var folder = parsed.GetValue(output) is { } chosen ? Path.GetFullPath(chosen) : authority.Folder.ClientFiles(name);
            var issued = authority.IssueClient(name, passphrase, password, folder, Days(parsed.GetValue(days)));
            _console.Out.WriteLine($"issued {name} (serial {issued.Record.Serial}, valid until {Date(issued.Record.NotAfter)}) in {folder}");
            _console.Out.WriteLine($"  {issued.Files.Pkcs12}, {issued.Files.Certificate}, {issued.Files.Key}, {issued.Files.CaCertificate}");
            if (given is null)
            {
                _console.Out.WriteLine($"  .p12 password (shown once): {password}");
            }
        }));

        var list = new Command("list", "List the issued client certificates.");
        list.SetAction((parsed, _) => Run(parsed, authority =>
        {
            _console.Out.WriteLine($"{"NAME",-24} {"SERIAL",-32} {"NOT AFTER",-10} REVOKED");
            foreach (var client in authority.ListClients())
            {
                _console.Out.WriteLine($"{client.Name,-24} {client.Serial,-32} {Date(client.NotAfter),-10} {(client.RevokedAt is { } at ? Date(at) : "no")}");
            }
        }));

        var revokeName = new Argument<string>("NAME") { Description = "The client to revoke." };
        var revoke = new Command("revoke", "Revoke a client's certificate: the service refuses it from its next connection on.") { Arguments = { revokeName } };
        revoke.SetAction((parsed, _) => Run(parsed, authority =>
        {
            foreach (var revoked in authority.Revoke(ClientName.Parse(parsed.GetValue(revokeName))))
            {
                _console.Out.WriteLine($"revoked {revoked.Name} (serial {revoked.Serial})");
            }
        }));
        return new Command("client", "Client certificates of the clinic CA.") { Subcommands = { issue, list, revoke } };
    }

    private Task<int> Run(ParseResult parsed, Action<ClinicCertificateAuthority> body)
    {
        try
        {
            body(new ClinicCertificateAuthority(new ClinicCaFolder(ClinicCaSettings.Folder(_configuration, parsed.GetValue(_folder))), _time));
            return Task.FromResult(0);
        }
        catch (Exception refused) when (refused is ClinicCaException or IOException or UnauthorizedAccessException)
        {
            _console.Error.WriteLine($"onshi-device: {refused.Message.ReplaceLineEndings(" ")}");
            return Task.FromResult(1);
        }
#pragma warning disable CA1031 // The promise is one line and exit 1 for any failure, not the runtime's stack trace.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            _console.Error.WriteLine($"onshi-device: {unexpected.GetType().Name}: {unexpected.Message.ReplaceLineEndings(" ")}");
            return Task.FromResult(1);
        }
    }

    private static TimeSpan Days(int days) =>
        days > 0 ? TimeSpan.FromDays(days) : throw new ClinicCaException("a number of days must be positive");

    private static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
