namespace OnshiDevice.ClinicCa;

/// <summary>The files of one issued client, as <c>client issue</c> writes them and the CLI finds them.</summary>
public sealed record ClientFiles(string Certificate, string Key, string Pkcs12, string CaCertificate)
{
    /// <summary>The CA certificate shipped beside every client's files.</summary>
    public const string CaCertificateFileName = "ca.crt";

    public static ClientFiles In(string folder, ClientName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ClientFiles(
            Path.Combine(folder, name.Value + ".crt"),
            Path.Combine(folder, name.Value + ".key"),
            Path.Combine(folder, name.Value + ".p12"),
            Path.Combine(folder, CaCertificateFileName));
    }
}
