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
    public const string AddressKey = ListenerPlan.LanKey;

    /// <summary>The audit category: refused handshakes go where the calls of accepted clients go.</summary>
    public const string AuditCategory = "OnshiDevice.Audit";

    private readonly X509Certificate2 _serverCertificate;
    private ILogger _audit = NullLogger.Instance;

    private LanListener(X509Certificate2 serverCertificate, ClinicClientValidator validator)
    {
        _serverCertificate = serverCertificate;
        Validator = validator;
    }

    public ClinicClientValidator Validator { get; }

    /// <summary>
    /// The listener's TLS set-up from the clinic CA folder, or null when <see cref="AddressKey"/> is not set; its address
    /// is the listener plan's to check and bind. Every refusal is one line (<see cref="ClinicCaException"/>).
    /// </summary>
    public static LanListener? FromConfiguration(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!ListenerPlan.IsLanConfigured(configuration))
        {
            return null;
        }

        var folder = new ClinicCaFolder(ClinicCaSettings.Folder(configuration, option: null));
        ClinicClientValidator? validator = null;
        try
        {
            validator = new ClinicClientValidator(folder, time);
            return new LanListener(ServerCredential.Load(folder), validator);
        }
        catch (ClinicCaException unusable)
        {
            validator?.Dispose();
            throw new ClinicCaException($"{AddressKey} needs the clinic CA: {unusable.Message}", unusable);
        }
        catch
        {
            validator?.Dispose();
            throw;
        }
    }

    /// <summary>Where refused handshakes are logged, once the host's logging exists.</summary>
    public void UseLogging(ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _audit = loggers.CreateLogger(AuditCategory);
    }

    /// <summary>The endpoint's settings, for the listener plan that binds the address.</summary>
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
