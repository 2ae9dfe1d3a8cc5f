using System.Security.Cryptography.X509Certificates;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.UnitTests.ClinicCa;

public sealed class ClinicClientValidatorTests : IDisposable
{
    private readonly ClinicCaFixture _ca = new();

    [Fact]
    public void An_issued_client_is_accepted_under_its_name()
    {
        var issued = _ca.Issue("reception-1");
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        using var certificate = Load(issued);

        var verdict = validator.Check(certificate);

        Assert.True(verdict.Accepted, verdict.Reason);
        Assert.Equal("reception-1", verdict.ClientName);
    }

    [Fact]
    public void A_revoked_client_is_refused_by_the_running_validator_without_a_restart()
    {
        var issued = _ca.Issue("reception-1");
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        using var certificate = Load(issued);
        Assert.True(validator.Check(certificate).Accepted);

        _ca.Authority.Revoke(ClientName.Parse("reception-1"));
        var verdict = validator.Check(certificate);

        Assert.False(verdict.Accepted);
        Assert.Contains("revoked", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_issued_after_the_validator_started_is_accepted()
    {
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        var issued = _ca.Issue("late-comer");
        using var certificate = Load(issued);

        Assert.True(validator.Check(certificate).Accepted);
    }

    [Fact]
    public void A_client_of_another_clinic_CA_is_refused()
    {
        using var other = new ClinicCaFixture();
        var foreign = other.Issue("reception-1");
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        using var certificate = Load(foreign);

        var verdict = validator.Check(certificate);

        Assert.False(verdict.Accepted);
        Assert.Contains("not a certificate of the clinic CA", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_the_CA_not_in_the_register_is_refused()
    {
        var issued = _ca.Issue("reception-1");
        using var certificate = Load(issued);
        ClientRegister.Empty.Save(_ca.Folder.Register);
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);

        Assert.False(validator.Check(certificate).Accepted);
    }

    [Fact]
    public void The_server_certificate_and_the_CA_certificate_are_no_clients()
    {
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(_ca.Folder.ServerCertificate));
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(_ca.Folder.CaCertificate));

        Assert.False(validator.Check(server).Accepted);
        Assert.False(validator.Check(authority).Accepted);
        Assert.False(validator.Check(null).Accepted);
    }

    [Fact]
    public void An_expired_client_is_refused()
    {
        var issued = _ca.Issue("reception-1", TimeSpan.FromDays(1));
        using var validator = new ClinicClientValidator(_ca.Folder, _ca.Clock);
        using var certificate = Load(issued);
        Assert.True(validator.Check(certificate).Accepted);

        _ca.Clock.Now += TimeSpan.FromDays(2);

        Assert.False(validator.Check(certificate).Accepted);
    }

    [Fact]
    public void A_register_open_to_others_stops_the_validator()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(_ca.Folder.Register, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var refused = Assert.Throws<ClinicCaException>(() => new ClinicClientValidator(_ca.Folder, _ca.Clock));
        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pkcs12_file_holds_the_same_certificate_with_its_key_under_its_password()
    {
        var issued = _ca.Issue("reception-1");
        using var fromPkcs12 = X509CertificateLoader.LoadPkcs12FromFile(issued.Files.Pkcs12, ClinicCaFixture.Pkcs12Password);
        using var fromPem = Load(issued);

        Assert.True(fromPkcs12.HasPrivateKey);
        Assert.Equal(fromPem.RawData, fromPkcs12.RawData);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => X509CertificateLoader.LoadPkcs12FromFile(issued.Files.Pkcs12, "wrong"));
    }

    public void Dispose() => _ca.Dispose();

    private static X509Certificate2 Load(IssuedClient issued) => X509Certificate2.CreateFromPemFile(issued.Files.Certificate, issued.Files.Key);
}
