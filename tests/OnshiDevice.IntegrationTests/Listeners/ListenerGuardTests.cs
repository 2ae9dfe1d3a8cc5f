using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OnshiDevice.Server.Listeners;

namespace OnshiDevice.IntegrationTests.Listeners;

/// <summary>The check after start: whatever added a listener, an address the plan did not make stops the host.</summary>
public sealed class ListenerGuardTests
{
    private static readonly ListenerEnvironment Machine = new(false, true, _ => null, _ => false, _ => null);

    [Fact]
    public async Task An_address_the_plan_did_not_make_stops_the_start()
    {
        var guard = Guard(out _, "http://127.0.0.1:43210", "http://0.0.0.0:5000");

        var refused = await Assert.ThrowsAsync<ListenerRefusedException>(() => guard.StartedAsync(CancellationToken.None));

        Assert.StartsWith("the server is bound to http://0.0.0.0:5000, which OnshiDevice:Listeners did not plan", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_planned_listener_the_server_did_not_bind_stops_the_start()
    {
        var guard = Guard(out _);

        var refused = await Assert.ThrowsAsync<ListenerRefusedException>(() => guard.StartedAsync(CancellationToken.None));

        Assert.Contains("bound 0 of the 1 planned listeners", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_planned_addresses_start_and_are_logged()
    {
        var log = new ListLogger();
        var guard = Guard(out _, log, simulate: true, "http://127.0.0.1:43210");

        await guard.StartedAsync(CancellationToken.None);

        Assert.Equal(["Information: onshi-device listening on http://127.0.0.1:43210"], log.Lines);
    }

    [Fact]
    public async Task Loopback_with_real_readers_starts_with_a_warning()
    {
        var log = new ListLogger();
        var guard = Guard(out _, log, simulate: false, "http://127.0.0.1:43210");

        await guard.StartedAsync(CancellationToken.None);

        Assert.Contains(log.Lines, line => line.StartsWith("Warning: OnshiDevice:Listeners:Loopback http://127.0.0.1:0 lets any local user call", StringComparison.Ordinal));
    }

    private static ListenerGuard Guard(out ListenerPlan plan, params string[] bound) =>
        Guard(out plan, NullLogger<ListenerGuard>.Instance, simulate: true, bound);

    private static ListenerGuard Guard(out ListenerPlan plan, ILogger<ListenerGuard> logger, bool simulate, params string[] bound)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OnshiDevice:Listeners:Socket"] = "off",
            ["OnshiDevice:Listeners:Loopback"] = "http://127.0.0.1:0",
        }).Build();
        plan = ListenerPlan.From(configuration, simulate, Machine);
        return new ListenerGuard(plan, new BoundServer(bound), logger);
    }

    private sealed class ListLogger : ILogger<ListenerGuard>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add($"{logLevel}: {formatter(state, exception)}");
    }

    private sealed class BoundServer : IServer
    {
        public BoundServer(IEnumerable<string> addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
