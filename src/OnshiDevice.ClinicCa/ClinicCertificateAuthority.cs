using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.ClinicCa;

/// <summary>
/// The clinic CA's operations on its folder: create the CA and the LAN listener's certificate, issue client
/// certificates, list and revoke them. Issuing needs the CA key's passphrase; listing and revoking do not
/// (the register is the revocation list, protected like the keys by the folder's permissions).
/// </summary>
public sealed class ClinicCertificateAuthority
{
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public static readonly TimeSpan CaValidity = TimeSpan.FromDays(3650);
    public static readonly TimeSpan DefaultServerValidity = TimeSpan.FromDays(825);
    public static readonly TimeSpan DefaultClientValidity = TimeSpan.FromDays(730);

    // Issued certificates start a little in the past, so a client whose clock is a few minutes behind accepts them.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    public ClinicCertificateAuthority(ClinicCaFolder folder, TimeProvider time)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public ClinicCaFolder Folder { get; }

    /// <summary>Creates the CA (key, certificate), the LAN listener's key and certificate, and an empty register.</summary>
    public void Initialize(string clinicName, ServerNames serverNames, ReadOnlySpan<char> passphrase, TimeSpan serverValidity)
    {
        ArgumentNullException.ThrowIfNull(clinicName);
        ArgumentNullException.ThrowIfNull(serverNames);
        if (File.Exists(Folder.CaKey) || File.Exists(Folder.CaCertificate))
        {
            throw new ClinicCaException($"{Folder.Path} holds a clinic CA already; a new one would strand every issued client (back it up and choose another folder)");
        }

        if (clinicName.Length is 0 or > 64 || clinicName.Any(c => char.IsControl(c) || c is ',' or '=' or '+' or '"' or '\\' or '<' or '>' or ';'))
        {
            throw new ClinicCaException("--clinic is 1 to 64 characters, without control characters or , = + \" \\ < > ;");
        }

        var now = _time.GetUtcNow();
        using var caKey = ClinicCaKeys.NewKey();
        var caKeyPem = ClinicCaKeys.EncryptedPem(caKey, passphrase);
        using var ca = CreateCa(caKey, clinicName, now);

        using var serverKey = ClinicCaKeys.NewKey();
        using var server = Issue(ca, caKey, serverKey, new X500DistinguishedName($"CN={serverNames.CommonName}, O={clinicName}"), ServerAuthenticationOid, now, serverValidity, serverNames);

        PrivateFiles.CreateFolder(Folder.Path);
        PrivateFiles.Write(Folder.CaKey, System.Text.Encoding.ASCII.GetBytes(caKeyPem));
        PrivateFiles.Write(Folder.ServerKey, System.Text.Encoding.ASCII.GetBytes(serverKey.ExportPkcs8PrivateKeyPem()));
        File.WriteAllText(Folder.CaCertificate, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Folder.ServerCertificate, server.ExportCertificatePem() + "\n");
        ClientRegister.Empty.Save(Folder.Register);
    }

    /// <summary>Issues a client certificate and writes its files (PEM certificate and key, PKCS#12, the CA certificate) into <paramref name="output"/>.</summary>
    public IssuedClient IssueClient(ClientName name, ReadOnlySpan<char> passphrase, string pkcs12Password, string output, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pkcs12Password);
        ArgumentNullException.ThrowIfNull(output);
        var register = ClientRegister.Load(Folder.Register);
        if (register.Clients.FirstOrDefault(client => client.Name == name.Value && !client.IsRevoked) is { } existing)
        {
            throw new ClinicCaException($"client {name} holds a certificate already (serial {existing.Serial}); revoke it first to issue a new one");
        }

        if (validity <= TimeSpan.Zero || validity > CaValidity)
        {
            throw new ClinicCaException($"a client certificate is valid for 1 to {CaValidity.Days} days");
        }

        using var ca = LoadCaCertificate();
        using var caKey = ClinicCaKeys.LoadEncrypted(Folder.CaKey, passphrase);
        if (!ca.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(caKey.ExportSubjectPublicKeyInfo()))
        {
            throw new ClinicCaException($"{Folder.CaKey} is not the key of {Folder.CaCertificate}");
        }

        var now = _time.GetUtcNow();
        using var clientKey = ClinicCaKeys.NewKey();
        using var certificate = Issue(ca, caKey, clientKey, new X500DistinguishedName($"CN={name.Value}"), ClientAuthenticationOid, now, validity, serverNames: null);
        using var withKey = certificate.CopyWithPrivateKey(clientKey);
        var record = new ClientRecord(name.Value, certificate.SerialNumber, now, certificate.NotAfter.ToUniversalTime(), RevokedAt: null);

        var files = ClientFiles.In(output, name);
        PrivateFiles.CreateFolder(output);
        PrivateFiles.Write(files.Key, System.Text.Encoding.ASCII.GetBytes(clientKey.ExportPkcs8PrivateKeyPem()));
        PrivateFiles.Write(files.Pkcs12, withKey.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, pkcs12Password));
        File.WriteAllText(files.Certificate, certificate.ExportCertificatePem() + "\n");
        File.Copy(Folder.CaCertificate, files.CaCertificate, overwrite: true);

        // Registered last: a certificate whose files could not be written is never accepted.
        register.With(record).Save(Folder.Register);
        return new IssuedClient(record, files);
    }

    public IReadOnlyList<ClientRecord> ListClients() => ClientRegister.Load(Folder.Register).Clients;

    /// <summary>Revokes the client's certificates; the service refuses them from its next connection on.</summary>
    public IReadOnlyList<ClientRecord> Revoke(ClientName name)
    {
        var register = ClientRegister.Load(Folder.Register).Revoke(name, _time.GetUtcNow(), out var revoked);
        register.Save(Folder.Register);
        return revoked;
    }

    public X509Certificate2 LoadCaCertificate()
    {
        if (!File.Exists(Folder.CaCertificate))
        {
            throw new ClinicCaException($"{Folder.CaCertificate} does not exist; create the CA with `onshi-device ca init --ca-folder {Folder.Path}`");
        }

        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(Folder.CaCertificate));
        }
        catch (CryptographicException invalid)
        {
            throw new ClinicCaException($"{Folder.CaCertificate} is not a PEM certificate", invalid);
        }
    }

    private static X509Certificate2 CreateCa(ECDsa key, string clinicName, DateTimeOffset now)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN=OnshiDevice clinic CA, O={clinicName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now - ClockSkew, now + CaValidity);
    }

    private static X509Certificate2 Issue(
        X509Certificate2 ca, ECDsa caKey, ECDsa subjectKey, X500DistinguishedName subject, string purposeOid, DateTimeOffset now, TimeSpan validity, ServerNames? serverNames)
    {
        var request = new CertificateRequest(subject, subjectKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(purposeOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (serverNames is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (var host in serverNames.HostNames)
            {
                names.AddDnsName(host);
            }

            foreach (var address in serverNames.Addresses)
            {
                names.AddIpAddress(address);
            }

            request.CertificateExtensions.Add(names.Build());
        }

        var notAfter = now + validity;
        if (notAfter > ca.NotAfter)
        {
            notAfter = ca.NotAfter;
        }

        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now - ClockSkew, notAfter, SerialNumber());
    }

    // 16 random bytes, the top bit cleared so the DER INTEGER stays positive without a leading zero.
    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}
