using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnshiDevice.Service.CheckIns;

namespace OnshiDevice.Service.Health;

/// <summary>Healthy when every configured face reader's link is up (and when none is configured); names the ones that are not.</summary>
internal sealed class FaceReadersHealthCheck(FaceReaderStations stations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = stations.All.Where(station => !station.Broadcast.Connected).Select(station => station.Id).ToArray();
        return Task.FromResult(down.Length == 0
            ? HealthCheckResult.Healthy($"{stations.All.Count} face readers connected.")
            : HealthCheckResult.Unhealthy($"Face readers not connected: {string.Join(", ", down)}."));
    }
}
