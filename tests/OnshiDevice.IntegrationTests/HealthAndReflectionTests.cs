using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using OnshiDevice.Simulators;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace OnshiDevice.IntegrationTests;

public sealed class HealthAndReflectionTests : IAsyncLifetime
{
    private const string Readers = "onshi.device.v1.Readers";
    private const string Cards = "onshi.device.v1.Cards";
    private const string Certificates = "onshi.device.v1.Certificates";

    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_is_serving_while_pcsc_answers_and_not_serving_when_it_stops()
    {
        var health = new Health.HealthClient(_host.Channel);

        var serving = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(ServingStatus.Serving, serving.Status);

        _host.Api.StopService();
        var stopped = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(ServingStatus.NotServing, stopped.Status);
    }

    [Fact]
    public async Task Every_service_name_is_serving_with_pcsc_and_trust_up()
    {
        Assert.Equal(
            [ServingStatus.Serving, ServingStatus.Serving, ServingStatus.Serving, ServingStatus.Serving],
            await StatusesAsync(_host, "", Readers, Cards, Certificates));
    }

    [Fact]
    public async Task Readers_and_cards_are_not_serving_while_pcsc_is_down_and_certificates_still_is()
    {
        _host.Api.StopService();

        Assert.Equal(
            [ServingStatus.NotServing, ServingStatus.NotServing, ServingStatus.NotServing, ServingStatus.Serving],
            await StatusesAsync(_host, "", Readers, Cards, Certificates));

        _host.Api.StartService();
        Assert.Equal([ServingStatus.Serving, ServingStatus.Serving], await StatusesAsync(_host, Readers, Cards));
    }

    [Theory]
    [InlineData("anchors")]
    [InlineData("crls")]
    public async Task Certificates_is_not_serving_without_trust_anchors_or_crls_and_the_rest_still_is(string unset)
    {
        var settings = unset == "anchors" ? SimulatedTrust.NoAnchorSettings : new Dictionary<string, string?> { ["Pki:Crls"] = "" };
        await using var host = await DeviceServiceHost.StartAsync(settings: settings);

        Assert.Equal(
            [ServingStatus.Serving, ServingStatus.Serving, ServingStatus.Serving, ServingStatus.NotServing],
            await StatusesAsync(host, "", Readers, Cards, Certificates));
    }

    [Fact]
    public async Task A_broken_crl_file_beside_loaded_ones_leaves_certificates_serving()
    {
        using var trust = TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow);
        File.WriteAllBytes(Path.Combine(trust.Folder, SimulatedTrust.CrlsFolder, "broken.crl"), [0x30, 0x03, 0x02]);
        await using var host = await DeviceServiceHost.StartAsync(settings: new Dictionary<string, string?>(trust.ServiceSettings));

        Assert.Equal([ServingStatus.Serving], await StatusesAsync(host, Certificates));
    }

    [Fact]
    public async Task A_name_that_is_no_service_is_not_found()
    {
        var health = new Health.HealthClient(_host.Channel);

        var failure = await Assert.ThrowsAsync<RpcException>(() =>
            health.CheckAsync(new HealthCheckRequest { Service = "onshi.device.v1.Nothing" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, failure.StatusCode);
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
        Assert.Contains(Readers, services);
        Assert.Contains(Cards, services);
        Assert.Contains(Certificates, services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    private static async Task<ServingStatus[]> StatusesAsync(DeviceServiceHost host, params string[] names)
    {
        var health = new Health.HealthClient(host.Channel);
        var statuses = new List<ServingStatus>();
        foreach (var name in names)
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = name }, deadline: DateTime.UtcNow.AddSeconds(10));
            statuses.Add(response.Status);
        }

        return [.. statuses];
    }
}
