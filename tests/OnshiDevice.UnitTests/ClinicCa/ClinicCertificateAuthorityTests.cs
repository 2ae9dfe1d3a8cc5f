using System.Net;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.UnitTests.ClinicCa;

public sealed class ClinicCertificateAuthorityTests : IDisposable
{
    private readonly ClinicCaFixture _ca = new();

    [Fact]
    public void Init_writes_the_keys_owner_only_and_the_CA_key_encrypted()
    {
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(_ca.Folder.CaKey), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var secret in new[] { _ca.Folder.CaKey, _ca.Folder.ServerKey, _ca.Folder.Register })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_ca.Folder.Path));
        }
    }

    [Fact]
    public void The_server_certificate_names_the_hosts_and_addresses_given_for_server_authentication()
    {
        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(_ca.Folder.ServerCertificate));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        var eku = server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();

        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
        Assert.Equal([ClinicCertificateAuthority.ServerAuthenticationOid], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(oid => oid.Value));
    }

    [Fact]
    public void A_second_init_in_the_same_folder_is_refused()
    {
        var refused = Assert.Throws<ClinicCaException>(() => _ca.Authority.Initialize("Other", ServerNames.From([], ["127.0.0.1"]), ClinicCaFixture.Passphrase, TimeSpan.FromDays(1)));
        Assert.Contains("holds a clinic CA already", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuing_needs_the_right_passphrase()
    {
        var refused = Assert.Throws<ClinicCaException>(() =>
            _ca.Authority.IssueClient(ClientName.Parse("pc"), "not-the-passphrase", "p", Path.Combine(_ca.Root, "pc"), TimeSpan.FromDays(1)));

        Assert.Contains("wrong passphrase", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_ca.Authority.ListClients());
    }

    [Fact]
    public void A_CA_key_open_to_group_or_others_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_ca.Folder.CaKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var refused = Assert.Throws<ClinicCaException>(() => _ca.Issue("pc"));
        Assert.Equal($"{_ca.Folder.CaKey} is open to group or others (mode 0640); a key file must be the owner's only: chmod 600 {_ca.Folder.CaKey}", refused.Message);
    }

    [Fact]
    public void The_server_key_loads_with_its_certificate_and_is_refused_when_open_to_others()
    {
        using (var server = ServerCredential.Load(_ca.Folder))
        {
            Assert.True(server.HasPrivateKey);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_ca.Folder.ServerKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var refused = Assert.Throws<ClinicCaException>(() => ServerCredential.Load(_ca.Folder));
        Assert.Contains("(mode 0644)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_holding_a_certificate_is_not_issued_again_until_revoked()
    {
        var first = _ca.Issue("reception-1");
        Assert.Throws<ClinicCaException>(() => _ca.Issue("reception-1"));

        _ca.Authority.Revoke(ClientName.Parse("reception-1"));
        var second = _ca.Issue("reception-1");

        Assert.NotEqual(first.Record.Serial, second.Record.Serial);
        Assert.Collection(
            _ca.Authority.ListClients(),
            client => Assert.True(client.IsRevoked),
            client => Assert.False(client.IsRevoked));
    }

    [Fact]
    public void Revoking_a_name_never_issued_or_revoked_already_is_an_error()
    {
        _ca.Issue("reception-1");
        _ca.Authority.Revoke(ClientName.Parse("reception-1"));

        Assert.Contains("revoked already", Assert.Throws<ClinicCaException>(() => _ca.Authority.Revoke(ClientName.Parse("reception-1"))).Message, StringComparison.Ordinal);
        Assert.Contains("no client named", Assert.Throws<ClinicCaException>(() => _ca.Authority.Revoke(ClientName.Parse("nobody"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_passphrase_is_refused_at_init()
    {
        var authority = new ClinicCertificateAuthority(new ClinicCaFolder(Path.Combine(_ca.Root, "short")), _ca.Clock);

        Assert.Throws<ClinicCaException>(() => authority.Initialize("Clinic", ServerNames.From([], ["127.0.0.1"]), "short", TimeSpan.FromDays(1)));
        Assert.False(Directory.Exists(authority.Folder.Path));
    }

    [Fact]
    public void A_register_that_is_not_one_is_one_line()
    {
        File.WriteAllText(_ca.Folder.Register, "{ not json");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_ca.Folder.Register, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var refused = Assert.Throws<ClinicCaException>(() => _ca.Authority.ListClients());
        Assert.StartsWith($"{_ca.Folder.Register} is not a client register", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _ca.Dispose();
}
