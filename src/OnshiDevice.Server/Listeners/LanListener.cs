using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.ClinicCa;
using OnshiDevice.Server.ClinicCa;

namespace OnshiDevice.Server.Listeners;

/// <summary>
/// The clinic LAN listener (<c>OnshiDevice:Listeners:Lan</c>, e.g. https://0.0.0.0:50152): HTTP/2 over TLS 1.2 or
/// 1.3 with the CA folder's server certificate, and a client certificate required at the handshake and checked by
/// <see cref="ClinicClientValidator"/> (the clinic CA only, client-authentication EKU, not revoked). A connection
/// without an accepted certificate never reaches HTTP, so no call of it reaches the service.
/// </summary>
internal sealed class LanListener : IDisposable
{
    public const string AddressKey = "OnshiDevice:Listeners:Lan";

    /// <summary>The audit category: refused handshakes go where the calls of accepted clients go.</summary>
    public const string AuditCategory = "OnshiDevice.Audit";

    private readonly X509Certificate2 _serverCertificate;
    private ILogger _audit = NullLogger.Instance;

    private LanListener(IPEndPoint endPoint, X509Certificate2 serverCertificate, ClinicClientValidator validator)
    {
        EndPoint = endPoint;
        _serverCertificate = serverCertificate;
        Validator = validator;
    }

    public IPEndPoint EndPoint { get; }

    public ClinicClientValidator Validator { get; }

    /// <summary>The listener configured, or null when <see cref="AddressKey"/> is not set. Every refusal is one line (<see cref="ClinicCaException"/>).</summary>
    public static LanListener? FromConfiguration(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AddressKey] is not { Length: > 0 } address)
        {
            return null;
        }

        var endPoint = Parse(address);
        var folder = new ClinicCaFolder(ClinicCaSettings.Folder(configuration, option: null));
        var validator = new ClinicClientValidator(folder, time);
        try
        {
            return new LanListener(endPoint, ServerCredential.Load(folder), validator);
        }
        catch
        {
            validator.Dispose();
            throw;
        }
    }

    public static IPEndPoint Parse(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.AbsolutePath != "/")
        {
            throw new ClinicCaException($"{AddressKey} must look like https://0.0.0.0:50152 (https, an IP address and a port); got \"{address}\"");
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            ? new IPEndPoint(ip, uri.Port)
            : throw new ClinicCaException($"{AddressKey} needs an IP address to bind (0.0.0.0 for every interface); got \"{uri.Host}\"");
    }

    /// <summary>Where refused handshakes are logged, once the host's logging exists.</summary>
    public void UseLogging(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _audit = loggers.CreateLogger(AuditCategory);
    }

    public void Listen(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(EndPoint, Configure);
    }

    /// <summary>The endpoint's settings, for a listener plan that binds the address itself.</summary>
    public void Configure(ListenOptions listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        listen.Protocols = HttpProtocols.Http2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = _serverCertificate,
            SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateMode = ClientCertificateMode.RequireCertificate,
            CheckCertificateRevocation = false,
            ClientCertificateValidation = (certificate, _, _) => Accepts(certificate),
        });
    }

    public void Dispose()
    {
        _serverCertificate.Dispose();
        Validator.Dispose();
    }

    // Kestrel's own chain (the OS store) is ignored: the clinic CA alone decides.
    private bool Accepts(X509Certificate2 certificate)
    {
        ClientVerdict verdict;
        try
        {
            verdict = Validator.Check(certificate);
        }
        catch (ClinicCaException unreadable)
        {
            // The register became unreadable (permissions, a broken file): nobody gets in until it is fixed.
            verdict = ClientVerdict.Refuse(unreadable.Message);
        }

        if (!verdict.Accepted)
        {
            LanListenerLog.HandshakeRefused(_audit, verdict.Reason);
        }

        return verdict.Accepted;
    }
}

internal static partial class LanListenerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "LAN client refused at the TLS handshake: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string reason);
}
