using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OnshiDevice.IntegrationTests.Crls;

/// <summary>
/// A small CA of its own, made with .NET's CertificateRequest and CertificateRevocationListBuilder (so the fetch
/// also reads CRLs of another implementation), publishing on a local HTTP server: the root names /rarl.crl, the CA
/// /arl.crl. Writes the trust folders the service's settings name.
/// </summary>
internal sealed class CrlPublisher : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _ca;

    private CrlPublisher(WebApplication app, Uri address, string folder)
    {
        _app = app;
        Address = address;
        Folder = folder;
        var now = DateTimeOffset.UtcNow;
        var rootRequest = CaRequest("CN=Fetch Test Root, O=OnshiDevice Tests, C=JP", _rootKey, At("/rarl.crl"));
        _root = rootRequest.CreateSelfSigned(now.AddDays(-30), now.AddYears(5));
        var caRequest = CaRequest("CN=Fetch Test CA, O=OnshiDevice Tests, C=JP", _caKey, At("/arl.crl"));
        caRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using (var ca = caRequest.Create(_root, now.AddDays(-30), now.AddYears(4), [0x02]))
        {
            _ca = ca.CopyWithPrivateKey(_caKey);
        }

        foreach (var sub in new[] { "anchors", "intermediates", "crls" })
        {
            Directory.CreateDirectory(Path.Combine(folder, sub));
        }

        File.WriteAllBytes(Path.Combine(folder, "anchors", "root.cer"), _root.RawData);
        File.WriteAllBytes(Path.Combine(folder, "intermediates", "ca.cer"), _ca.RawData);
    }

    public Uri Address { get; }

    public string Folder { get; }

    public string CrlFolder => Path.Combine(Folder, "crls");

    /// <summary>The service's settings for this trust (absolute paths).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Pki:TrustAnchors:HpkiSigning"] = Path.Combine(Folder, "anchors"),
        ["Pki:Intermediates"] = Path.Combine(Folder, "intermediates"),
        ["Pki:Crls"] = CrlFolder,
    };

    public static async Task<CrlPublisher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CrlPublisher? publisher = null;
        app.Run(async context =>
        {
            if (publisher!._files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var bytes))
            {
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        publisher = new CrlPublisher(app, address, Directory.CreateTempSubdirectory("onshi-crl-command-").FullName);
        return publisher;
    }

    public Uri At(string path) => new(Address, path);

    /// <summary>Publishes the root's CRL at <paramref name="path"/>: signed by the root, or by another key with the root's name.</summary>
    public void PublishRootCrl(string path, long number, bool signedByAnotherKey = false)
    {
        var now = DateTimeOffset.UtcNow;
        var builder = new CertificateRevocationListBuilder();
        if (!signedByAnotherKey)
        {
            _files[path] = builder.Build(_root, new BigInteger(number), now.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddHours(-1));
            return;
        }

        using var other = RSA.Create(2048);
        var aki = X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, includeKeyIdentifier: true, includeIssuerAndSerial: false);
        _files[path] = builder.Build(_root.SubjectName, X509SignatureGenerator.CreateForRSA(other, RSASignaturePadding.Pkcs1), new BigInteger(number), now.AddDays(7), HashAlgorithmName.SHA256, aki, now.AddHours(-1));
    }

    public void Withdraw(string path) => _files.TryRemove(path, out _);

    public async ValueTask DisposeAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(bound.Token);
        await _app.DisposeAsync();
        _root.Dispose();
        _ca.Dispose();
        _rootKey.Dispose();
        _caKey.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static CertificateRequest CaRequest(string subject, RSA key, Uri distributionPoint)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([distributionPoint.AbsoluteUri]));
        return request;
    }
}
