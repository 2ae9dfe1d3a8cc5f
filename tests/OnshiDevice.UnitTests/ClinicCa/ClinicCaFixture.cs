using OnshiDevice.ClinicCa;

namespace OnshiDevice.UnitTests.ClinicCa;

/// <summary>A clinic CA in a temporary folder, on a clock the test moves.</summary>
internal sealed class ClinicCaFixture : IDisposable
{
    public const string Passphrase = "unit-test-passphrase";
    public const string Pkcs12Password = "unit-test-p12";

    public ClinicCaFixture()
    {
        Root = Directory.CreateTempSubdirectory("onshi-clinic-ca-").FullName;
        Folder = new ClinicCaFolder(Path.Combine(Root, "ca"));
        Authority = new ClinicCertificateAuthority(Folder, Clock);
        Authority.Initialize("Test Clinic", ServerNames.From(["localhost"], ["127.0.0.1"]), Passphrase, ClinicCertificateAuthority.DefaultServerValidity);
    }

    public string Root { get; }

    public ClinicCaFolder Folder { get; }

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public ClinicCertificateAuthority Authority { get; }

    public IssuedClient Issue(string name, TimeSpan? validity = null) =>
        Authority.IssueClient(ClientName.Parse(name), Passphrase, Pkcs12Password, Path.Combine(Root, "out", name), validity ?? ClinicCertificateAuthority.DefaultClientValidity);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
