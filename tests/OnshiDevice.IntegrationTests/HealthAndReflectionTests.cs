using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace OnshiDevice.IntegrationTests;

public sealed class HealthAndReflectionTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_is_serving_while_pcsc_answers_and_not_serving_when_it_stops()
    {
        var health = new Health.HealthClient(_host.Channel);

        var serving = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);

        _host.Api.StopService();
        var stopped = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, stopped.Status);
    }

    [Fact]
    public async Task Reflection_lists_the_device_services()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(10));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("onshi.device.v1.Readers", services);
        Assert.Contains("onshi.device.v1.Cards", services);
        Assert.Contains("onshi.device.v1.Certificates", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }
}
