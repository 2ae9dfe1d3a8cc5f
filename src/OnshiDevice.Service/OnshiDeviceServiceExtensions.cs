using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnshiDevice.PcSc;
using OnshiDevice.Service.Cards;
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
            .Validate(o => o.ReaderLockTimeout >= TimeSpan.Zero, "OnshiDevice:ReaderLockTimeout must not be negative.");

        services.AddSingleton(api);
        services.AddSingleton<ReaderLocks>();
        services.AddSingleton<ReaderContexts>();
        services.AddSingleton<CardCallRunner>();
        services.AddGrpc(grpc => grpc.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<PcscHealthCheck>("pcsc");
        return services;
    }

    public static IEndpointRouteBuilder MapOnshiDevice(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGrpcService<ReadersService>();
        endpoints.MapGrpcService<CardsService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
