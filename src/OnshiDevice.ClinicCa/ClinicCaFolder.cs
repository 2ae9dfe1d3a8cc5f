namespace OnshiDevice.ClinicCa;

/// <summary>The files of a clinic CA folder (docs/CLINIC-LAN.md): the one place that names them.</summary>
public sealed record ClinicCaFolder(string Path)
{
    /// <summary>The CA certificate (PEM): what clients trust, and the only anchor the LAN listener accepts clients under.</summary>
    public string CaCertificate => Combine("ca.crt");

    /// <summary>The CA key: encrypted PKCS#8 PEM (a passphrase), owner-only. Needed only to issue certificates.</summary>
    public string CaKey => Combine("ca.key");

    /// <summary>The LAN listener's certificate (PEM), issued by the CA.</summary>
    public string ServerCertificate => Combine("server.crt");

    /// <summary>The LAN listener's key: PKCS#8 PEM, owner-only, unencrypted so the service starts unattended.</summary>
    public string ServerKey => Combine("server.key");

    /// <summary>The register of issued client certificates and their revocation, which the service reads.</summary>
    public string Register => Combine("clients.json");

    /// <summary>Where <c>client issue</c> writes a client's files unless told otherwise.</summary>
    public string ClientFiles(ClientName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return System.IO.Path.Combine(Path, "clients", name.Value);
    }

    private string Combine(string file) => System.IO.Path.Combine(Path, file);
}
