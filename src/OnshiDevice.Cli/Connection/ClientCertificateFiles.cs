using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace OnshiDevice.Cli.Connection;

/// <summary>
/// The files `onshi-device client issue` wrote, as the CLI uses them: the client certificate (PKCS#12, its password
/// from $ONSHI_P12_PASSWORD or the terminal; or a PEM certificate with its key) and the clinic CA certificate, the
/// only anchor the service's certificate is checked against (not the OS store).
/// </summary>
internal sealed class ClientCertificateFiles : IDisposable
{
    public const string Pkcs12PasswordVariable = "ONSHI_P12_PASSWORD";

    // `client issue` ships the CA certificate beside the client's files under this name.
    private const string ShippedCaFileName = "ca.crt";

    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _ca;

    private ClientCertificateFiles(X509Certificate2 client, X509Certificate2 ca)
    {
        _client = client;
        _ca = ca;
    }

    public static ClientCertificateFiles Load(string clientCertificate, string? clientKey, string? caCertificate, CliIo io)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ArgumentNullException.ThrowIfNull(io);
        var caFile = caCertificate ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(clientCertificate))!, ShippedCaFileName);
        var client = LoadClient(clientCertificate, clientKey, io);
        try
        {
            return new ClientCertificateFiles(client, LoadCertificate(caFile, "--ca-cert"));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Why the service's certificate was refused in the latest handshake; null when it was not.</summary>
    public ServerCertificateProblem? ServerCertificateProblem { get; private set; }

    /// <summary>When the client certificate expires: a refused handshake after it is the likely cause.</summary>
    public DateTimeOffset ClientCertificateExpiry => _client.NotAfter.ToUniversalTime();

    public GrpcChannel OpenChannel(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [_client],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTheClinicService(certificate, errors),
            },
            EnableMultipleHttp2Connections = true,
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public void Dispose()
    {
        _client.Dispose();
        _ca.Dispose();
    }

    // The name must match (the certificate names the PC's host names and addresses); the chain is the clinic CA's alone.
    private bool IsTheClinicService(X509Certificate? presented, SslPolicyErrors errors)
    {
        ServerCertificateProblem = Problem(presented, errors);
        return ServerCertificateProblem is null;
    }

    private ServerCertificateProblem? Problem(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return Connection.ServerCertificateProblem.None;
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return Connection.ServerCertificateProblem.NameMismatch;
        }

        using var server = new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        if (chain.Build(server))
        {
            return null;
        }

        return chain.ChainStatus.Any(status => status.Status == X509ChainStatusFlags.NotTimeValid)
            ? Connection.ServerCertificateProblem.Expired
            : Connection.ServerCertificateProblem.NotTrusted;
    }

    private static X509Certificate2 LoadClient(string file, string? keyFile, CliIo io)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"--client-cert {file} does not exist");
        }

        var extension = Path.GetExtension(file).ToUpperInvariant();
        try
        {
            if (extension is ".P12" or ".PFX")
            {
                var password = io.GetEnvironmentVariable(Pkcs12PasswordVariable) is { Length: > 0 } given
                    ? given
                    : io.ReadSecretFromTerminal?.Invoke($"password of {Path.GetFileName(file)}: ")
                      ?? throw new CliException($"the .p12 password is needed: set ${Pkcs12PasswordVariable} or run on a terminal");
                return X509CertificateLoader.LoadPkcs12FromFile(file, password);
            }

            var key = keyFile ?? Path.ChangeExtension(file, ".key");
            if (!File.Exists(key))
            {
                throw new CliException($"--client-key {key} does not exist (a PEM client certificate needs its key)");
            }

            using var pem = X509Certificate2.CreateFromPemFile(file, key);

            // Through PKCS#12 so every platform's TLS can use the key (Windows refuses ephemeral keys).
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (CryptographicException unreadable)
        {
            throw new CliException($"cannot read the client certificate {file}: {unreadable.Message} (wrong password, or not the files of `onshi-device client issue`)");
        }
    }

    private static X509Certificate2 LoadCertificate(string file, string option)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"{option} {file} does not exist (the clinic CA certificate, ca.crt, comes with the client's files)");
        }

        try
        {
            var text = File.ReadAllText(file);
            return text.Contains("-----BEGIN", StringComparison.Ordinal) ? X509Certificate2.CreateFromPem(text) : X509CertificateLoader.LoadCertificateFromFile(file);
        }
        catch (CryptographicException unreadable)
        {
            throw new CliException($"{option} {file} is not a certificate: {unreadable.Message}");
        }
    }
}
