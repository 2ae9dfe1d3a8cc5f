using System.Security.Cryptography.X509Certificates;

namespace OnshiDevice.ClinicCa;

/// <summary>
/// The one check of a clinic client's certificate, used by the LAN listener at every TLS handshake: it chains to the
/// clinic CA certificate and nothing else (not the OS store), is valid now, carries the client-authentication EKU,
/// and is in the register and not revoked. The register is read again whenever its file changes, so a
/// <c>client revoke</c> takes effect at the client's next connection without a restart.
/// </summary>
public sealed class ClinicClientValidator : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly ClinicCaFolder _folder;
    private readonly TimeProvider _time;
    private readonly Lock _registerLock = new();
    private (DateTime Written, long Length) _registerStamp;
    private ClientRegister _register = ClientRegister.Empty;

    public ClinicClientValidator(ClinicCaFolder folder, TimeProvider time)
    {
        _folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ca = new ClinicCertificateAuthority(folder, time).LoadCaCertificate();

        // A register the service cannot read stops it at start, not at the first client.
        _ = CurrentRegister();
    }

    public X509Certificate2 CaCertificate => _ca;

    public ClientVerdict Check(X509Certificate2? presented)
    {
        if (presented is null)
        {
            return ClientVerdict.Refuse("no client certificate");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClinicCertificateAuthority.ClientAuthenticationOid));
        if (!chain.Build(presented))
        {
            var problems = chain.ChainStatus.Select(status => status.Status.ToString()).Distinct();
            return ClientVerdict.Refuse($"not a certificate of the clinic CA ({string.Join(", ", problems)})");
        }

        // Exactly the client and the CA: the CA issues no intermediates, and the CA certificate is no client.
        if (chain.ChainElements.Count != 2 || !chain.ChainElements[1].Certificate.RawDataMemory.Span.SequenceEqual(_ca.RawDataMemory.Span))
        {
            return ClientVerdict.Refuse("not issued directly by the clinic CA");
        }

        if (CurrentRegister().IsRevokedOrUnknown(presented.SerialNumber))
        {
            return ClientVerdict.Refuse($"serial {presented.SerialNumber} is revoked or not in the register");
        }

        return ClientVerdict.Accept(presented.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
    }

    public void Dispose() => _ca.Dispose();

    private ClientRegister CurrentRegister()
    {
        var file = new FileInfo(_folder.Register);
        var stamp = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
        lock (_registerLock)
        {
            if (stamp != _registerStamp)
            {
                // Load refuses a register open to group or others, like a key: it decides who gets in.
                _register = file.Exists ? ClientRegister.Load(file.FullName) : throw new ClinicCaException($"{_folder.Register} does not exist; is OnshiDevice:ClinicCa:Folder right?");
                _registerStamp = stamp;
            }

            return _register;
        }
    }
}
