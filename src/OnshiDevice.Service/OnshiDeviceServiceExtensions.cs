using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OnshiDevice.PcSc;
using OnshiDevice.Pki;
using OnshiDevice.Service.Cards;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.CheckIns;
using OnshiDevice.Service.Errors;
using OnshiDevice.Service.Health;
using OnshiDevice.Service.Readers;

namespace OnshiDevice.Service;

/// <summary>Composition of the device service, shared by the host and the in-process tests.</summary>
public static class OnshiDeviceServiceExtensions
{
    public static IServiceCollection AddOnshiDevice(this IServiceCollection services, IPcscApi api, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(api);

        var options = services.AddOptions<OnshiDeviceOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(OnshiDeviceOptions.SectionName));
        }

        options.Validate(o => o.DefaultCallTimeout > TimeSpan.Zero, "OnshiDevice:DefaultCallTimeout must be positive.")
            .Validate(o => o.ReaderLockTimeout >= TimeSpan.Zero, "OnshiDevice:ReaderLockTimeout must not be negative.")
            .Validate(o => o.MaxWatchStreams > 0, "OnshiDevice:MaxWatchStreams must be positive.");
        services.AddSingleton<IValidateOptions<OnshiDeviceOptions>>(provider => new CheckInValidation(provider.GetRequiredService<CheckInSetup>()));

        var pki = services.AddOptions<PkiOptions>();
        if (configuration is not null)
        {
            pki.Bind(configuration.GetSection(PkiOptions.SectionName));

            // Relative folders per the one rule (ConfigurationPaths): the setting's JSON file's folder, else the working directory.
            pki.PostConfigure(o => TrustConfiguration.ResolveFolders(o, configuration));
        }

        // Before v1 one folder anchored every purpose; a setting of that form would now anchor nothing, silently.
        pki.Validate(
                _ => string.IsNullOrEmpty(configuration?.GetSection(PkiOptions.SectionName).GetSection(nameof(PkiOptions.TrustAnchors)).Value),
                "Pki:TrustAnchors names one folder per purpose: set Pki:TrustAnchors:JpkiAuthentication, :JpkiSigning, :HpkiSigning and :HpkiAuthentication (docs/HPKI.md).")
            .Validate(o => o.CrlRefreshInterval > TimeSpan.Zero, "Pki:CrlRefreshInterval must be positive.")
            .Validate(o => o.MaxCrlFileBytes > 0, "Pki:MaxCrlFileBytes must be positive.");
        services.AddSingleton<IValidateOptions<PkiOptions>, CrlFetchValidation>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => TrustConfiguration.LoadTrustStore(provider.GetRequiredService<IOptions<PkiOptions>>().Value));
        services.AddSingleton(provider => TrustConfiguration.CreateCrlStore(
            provider.GetRequiredService<IOptions<PkiOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new CertificateVerifier(
            provider.GetRequiredService<TrustStore>(),
            provider.GetRequiredService<OnshiDevice.Pki.Revocation.CrlStore>(),
            provider.GetRequiredService<IOptions<PkiOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<CrlRefreshService>();
        services.AddSingleton<CrlFetchState>();
        services.AddHostedService<CrlFetchService>();

        services.AddSingleton(api);
        services.TryAddSingleton<Callers.ConnectionCallers>();
        services.AddSingleton<ReaderLocks>();
        services.AddSingleton<ReaderContexts>();
        services.AddSingleton<CardCallRunner>();
        services.AddSingleton<ReaderHub>();
        services.AddHostedService<ReaderHubLoop>();

        services.AddSingleton(_ => new CheckInSetup(CheckInConfiguration.ReadOptions(configuration), CheckInConfiguration.LoadCardFaceIssuerKey(configuration), CheckInConfiguration.ReadLinkOptions(configuration)));
        services.TryAddSingleton<IFaceReaderPorts, SerialFaceReaderPorts>();
        services.AddSingleton<FaceReaderStations>();
        services.AddHostedService(provider => provider.GetRequiredService<FaceReaderStations>());

        // Kestrel's default of 100 streams per HTTP/2 connection would refuse the 101st watch of a client that
        // multiplexes them on one connection: let one connection carry every watch the service allows, plus the
        // usual 100 for other calls. A higher Kestrel:Limits:Http2:MaxStreamsPerConnection is kept.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<OnshiDeviceOptions>>((kestrel, device) =>
            kestrel.Limits.Http2.MaxStreamsPerConnection = Math.Max(kestrel.Limits.Http2.MaxStreamsPerConnection, device.Value.MaxWatchStreams + 100));
        services.AddGrpc(grpc =>
        {
            // The audit first, so it wraps the error mapping and logs the status the client gets.
            grpc.Interceptors.Add<Audit.AuditInterceptor>();
            grpc.Interceptors.Add<ErrorMappingInterceptor>();

            // Inside the error mapping, so a refusal is a rich status like any other; before every service method.
            grpc.Interceptors.Add<Callers.CallerInterceptor>();
            grpc.MaxReceiveMessageSize = Validation.RequestValidator.MaxRequestMessageBytes;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(ServiceHealth.Map).AddCheck<PcscHealthCheck>(ServiceHealth.PcscCheck).AddCheck<PkiHealthCheck>(ServiceHealth.TrustCheck)
            .AddCheck<FaceReadersHealthCheck>(ServiceHealth.FaceReadersCheck);
        return services;
    }

    public static IEndpointRouteBuilder MapOnshiDevice(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<ReadersService>().WithRequestReadFailureDetails();
        endpoints.MapGrpcService<CardsService>().WithRequestReadFailureDetails();
        endpoints.MapGrpcService<CertificatesService>().WithRequestReadFailureDetails();
        endpoints.MapGrpcService<Status.DeviceStatusService>().WithRequestReadFailureDetails();
        endpoints.MapGrpcService<CheckInService>().WithRequestReadFailureDetails();
        endpoints.MapGrpcHealthChecksService().WithRequestReadFailureDetails();
        endpoints.MapGrpcReflectionService().WithRequestReadFailureDetails();
        return endpoints;
    }

    /// <summary>
    /// Maps a further gRPC service of a host beside the device services (the simulator control service of simulated
    /// mode), with what every service of <see cref="MapOnshiDevice"/> gets: request-read failures with an ErrorInfo.
    /// </summary>
    public static IEndpointConventionBuilder MapOnshiDeviceCompanion<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<TService>().WithRequestReadFailureDetails();
    }
}
