using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OnshiDevice.TestSupport;

/// <summary>What sets one <see cref="InProcessDeviceService"/> apart from another; the defaults are the usual test host.</summary>
public sealed record InProcessServiceOptions
{
    /// <summary>
    /// Serve on Kestrel over HTTP/2 on 127.0.0.1 (a free port) instead of a TestServer: for what only real HTTP/2 framing
    /// shows, such as the header and trailer size limits TestServer does not have.
    /// </summary>
    public bool OverLoopback { get; init; }

    /// <summary>
    /// Add every PIN a request carries to the log tripwire (<see cref="RequestSecretsInterceptor"/>). Off only for tests
    /// that send random short PINs, which collide with numbers and words in framework log text and so say nothing.
    /// </summary>
    public bool RecordSentPins { get; init; } = true;

    /// <summary>
    /// State the TestServer's calls as local Unix socket calls (<see cref="StatedConnection"/>). Off: the calls state no
    /// connection at all, as a listener that is neither local nor mutually authenticated would give.
    /// </summary>
    public bool LocalCaller { get; init; } = true;

    /// <summary>How the teardown names the log it searched.</summary>
    public string LogName { get; init; } = "The device service's log";

    /// <summary>Services a host adds beside the device service's, as simulated mode adds the simulator control service.</summary>
    public Action<IServiceCollection>? AddServices { get; init; }

    /// <summary>Endpoints of <see cref="AddServices"/>, mapped after the device service's.</summary>
    public Action<IEndpointRouteBuilder>? MapServices { get; init; }

    /// <summary>A check of the tier's own, run once the host stopped and before the shared ones (a simulated card's privacy record).</summary>
    public Action? AfterStop { get; init; }
}
