using Microsoft.Extensions.Configuration.Memory;
using OnshiDevice.PcSc;
using OnshiDevice.Server;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.PcSc;

// onshi-device: the device service. --simulate serves in-process virtual readers instead of PC/SC,
// with the simulators' test trust anchors and CRLs; --simulate-card NAME picks the card on reader 0.
if (OnshiDevice.Server.ClinicCa.ClinicCaCommands.Handles(args))
{
    // `ca init`, `client issue|list|revoke`: the clinic CA's commands, instead of the service.
    return await OnshiDevice.Server.ClinicCa.ClinicCaCommands.RunAsync(args);
}

if (HostInformation.AnswerFor(args, VirtualCardCatalog.Names) is { } answer)
{
    await Console.Out.WriteAsync(answer);
    return 0;
}

// Every mistake of the command line, the settings or a configuration file is one line and exit 1 (StartupRefusal).
WebApplication app;
IPcscApi api;
TemporarySimulatedTrust? simulatedTrust = null;
LanListener? lan = null;
try
{
    var simulation = SimulationArguments.Parse(args, VirtualCardCatalog.Names);
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = simulation.RemainingArguments,

        // appsettings.json sits next to the executable, wherever it is started from.
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.UseServiceManager();
    builder.AddSystemConfiguration(Environment.GetEnvironmentVariable);

    // The plan checks every address first (a mistyped LAN address is named as such), then the clinic CA is loaded;
    // Kestrel calls the LAN set-up only when it binds, after both.
    var listeners = ListenerPlan.From(
        builder.Configuration, simulation.Enabled, ListenerEnvironment.Current,
        ListenerPlan.IsLanConfigured(builder.Configuration) ? options => lan!.Configure(options) : null);
    lan = LanListener.FromConfiguration(builder.Configuration, TimeProvider.System);
    builder.UseListeners(listeners);

    simulatedTrust = simulation.Enabled ? TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow) : null;
    if (simulatedTrust is not null)
    {
        // Under the other sources, so settings given explicitly (appsettings, environment) still win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = simulatedTrust.ServiceSettings });
    }

    if (simulation.Enabled)
    {
        var simulated = new SimulatedPcscApi();
        simulated.AddReader("OnshiDevice Simulated Reader 0").Insert(VirtualCardCatalog.Create(simulation.CardName));
        simulated.AddReader("OnshiDevice Simulated Reader 1");
        api = simulated;
    }
    else
    {
        api = PcscApi.ForCurrentPlatform();
    }

    builder.Services.AddOnshiDevice(api, builder.Configuration);
    app = builder.Build();

    // The settings and the trust the service starts with (singletons it would load at start anyway), read before the
    // host starts: a setting it cannot work with is one line naming it, not the host's start-up stack trace.
    _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OnshiDeviceOptions>>().Value;
    if (TestTrustGuard.Refusal(app.Services.GetRequiredService<OnshiDevice.Pki.TrustStore>(), simulation.TrustsTestRoots) is { } refusal)
    {
        throw new HostUsageException(refusal);
    }

    _ = app.Services.GetRequiredService<OnshiDevice.Pki.Revocation.CrlStore>();

    // An address another onshi-device still holds is named with what to do, before the host tries to bind it.
    ListenerAvailability.RefuseTaken(listeners);
}
catch (Exception refused) when (StartupRefusal.LineFor(refused) is { } line)
{
    await Console.Error.WriteLineAsync($"onshi-device: {line}");
    lan?.Dispose();
    simulatedTrust?.Dispose();
    return 1;
}

using var lanListener = lan;
using var ownedTrust = simulatedTrust;
app.MapOnshiDevice();
lan?.UseLogging(app.Services.GetRequiredService<ILoggerFactory>());
app.Logger.LogInformation("onshi-device reads cards over {Pcsc}", api.Name);
return await app.RunGuardedAsync();
