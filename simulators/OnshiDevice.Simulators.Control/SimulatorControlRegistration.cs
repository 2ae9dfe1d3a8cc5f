using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OnshiDevice.Service;

namespace OnshiDevice.Simulators.Control;

/// <summary>Adds the simulator control service to a device service that serves simulated readers; nothing else may call these.</summary>
public static class SimulatorControlRegistration
{
    /// <summary>Registers <paramref name="control"/>; call after AddOnshiDevice, which brings gRPC and its interceptors.</summary>
    public static IServiceCollection AddSimulatorControl(this IServiceCollection services, SimulatorControl control)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(control);
        return services.AddSingleton(control);
    }

    /// <summary>Maps onshi.device.simulator.v1.Simulator beside the device services (and so lists it in reflection).</summary>
    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOnshiDeviceCompanion<SimulatorControlService>();
        return endpoints;
    }
}
