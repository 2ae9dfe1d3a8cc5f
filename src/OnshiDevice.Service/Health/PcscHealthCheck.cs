using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.PcSc;

namespace OnshiDevice.Service.Health;

/// <summary>Healthy while a PC/SC context can be established: without one no reader can be reached.</summary>
public sealed class PcscHealthCheck : IHealthCheck
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private readonly IPcscApi _api;

    public PcscHealthCheck(IPcscApi api)
    {
        _api = api;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await Task.Run(
                () =>
                {
                    using var pcsc = PcscContext.Establish(_api);
                },
                CancellationToken.None).WaitAsync(Bound, cancellationToken);
            return HealthCheckResult.Healthy($"PC/SC ({_api.Name}) context established.");
        }
        catch (PcscException exception)
        {
            return HealthCheckResult.Unhealthy($"PC/SC ({_api.Name}) is not available: {exception.ErrorCode}.");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"PC/SC ({_api.Name}) did not answer within {Bound.TotalSeconds} s.");
        }
    }
}
