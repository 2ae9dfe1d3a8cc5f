using Microsoft.Extensions.Configuration.Memory;
using OnshiDevice.PcSc;
using OnshiDevice.Server;
using OnshiDevice.Server.Listeners;
using OnshiDevice.Service;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Control;

// onshi-device: the device service. --simulate serves in-process virtual readers instead of PC/SC,
// with the simulators' test trust anchors and CRLs; --simulate-card NAME picks the card on reader 0.
if (OnshiDevice.Server.ClinicCa.ClinicCaCommands.Handles(args))
{
    // `ca init`, `client issue|list|revoke`: the clinic CA's commands, instead of the service.
    return await OnshiDevice.Server.ClinicCa.ClinicCaCommands.RunAsync(args);
}

if (OnshiDevice.Server.Crls.CrlCommands.Handles(args))
{
    // `crl fetch`: download the configured CAs' CRLs into the CRL folder, instead of the service.
    return await OnshiDevice.Server.Crls.CrlCommands.RunAsync(args);
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
SimulatorControl? simulator = null;
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

    // The test trust is written, and the card put in, while the host is built: BouncyCastle's first certificates and
    // ASP.NET Core's start are both mostly JIT work, and on two cores they take half as long side by side.
    simulatedTrust = simulation.Enabled ? TemporarySimulatedTrust.Start(DateTimeOffset.UtcNow) : null;
    if (simulatedTrust is not null)
    {
        // Under the other sources, so settings given explicitly (appsettings, environment) still win.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = simulatedTrust.ServiceSettings });
    }

    // Simulated mode also serves the simulator control service (onshi-sim insert|remove|swap|reader|fault); nothing else does.
    simulator = simulation.Enabled ? SimulatorControl.WithStandardReaders() : null;
    var cardInserted = simulator is null ? Task.CompletedTask : Task.Run(() => simulator.InsertCard("0", simulation.CardName));
    api = simulator is not null ? simulator.Api : PcscApi.ForCurrentPlatform();

    builder.Services.AddOnshiDevice(api, builder.Configuration);
    if (simulator is not null)
    {
        builder.Services.AddSimulatorControl(simulator);
    }

    app = builder.Build();
    await cardInserted;
    if (simulatedTrust is not null)
    {
        await simulatedTrust.Written;
    }

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
if (simulator is not null)
{
    app.MapSimulatorControl();
}

lan?.UseLogging(app.Services.GetRequiredService<ILoggerFactory>());
app.Logger.LogInformation("onshi-device reads cards over {Pcsc}", api.Name);
return await app.RunGuardedAsync();
