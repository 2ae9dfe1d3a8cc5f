using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using OnshiDevice.ClinicCa;

namespace OnshiDevice.Benchmarks.Listeners;

/// <summary>A clinic CA made for a benchmark run, one issued client, and the settings that put the LAN listener on 127.0.0.1.</summary>
internal static class BenchClinic
{
    private const string Passphrase = "bench-passphrase";

    /// <summary>The CA in <paramref name="root"/>, the LAN settings written into <paramref name="configuration"/>; the port and the client's files.</summary>
    public static (int Port, ClientFiles Client) Create(string root, IConfiguration configuration)
    {
        var folder = new ClinicCaFolder(Path.Combine(root, "ca"));
        var authority = new ClinicCertificateAuthority(folder, TimeProvider.System);
        authority.Initialize("Bench", ServerNames.From(["localhost"], ["127.0.0.1"]), Passphrase, TimeSpan.FromDays(1));
        var client = authority.IssueClient(ClientName.Parse("bench"), Passphrase, "p12", Path.Combine(root, "bench"), TimeSpan.FromDays(1));
        var port = FreePort();
        configuration["OnshiDevice:Listeners:Lan"] = $"https://127.0.0.1:{port}";
        configuration["OnshiDevice:ClinicCa:Folder"] = folder.Path;
        return (port, client.Files);
    }

    /// <summary>A channel presenting the client's certificate and trusting only the clinic CA, as the CLI does.</summary>
    public static GrpcChannel Channel(int port, ClientFiles files)
    {
        using var pem = X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
        var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(files.CaCertificate));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [client],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    using var server = certificate is null ? null : new X509Certificate2(certificate);
                    return server is not null && chain.Build(server);
                },
            },
        };
        return GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler });
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
