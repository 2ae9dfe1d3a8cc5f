using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;
using OnshiDevice.PcSc;
using OnshiDevice.Server;
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

SimulationArguments simulation;
try
{
    simulation = SimulationArguments.Parse(args, VirtualCardCatalog.Names);
}
catch (ArgumentException invalid)
{
    await Console.Error.WriteLineAsync($"onshi-device: {invalid.Message}");
    return 1;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = simulation.RemainingArguments,

    // appsettings.json sits next to the executable, wherever it is started from.
    ContentRootPath = AppContext.BaseDirectory,
});

var options = builder.Configuration.GetSection(OnshiDeviceOptions.SectionName).Get<OnshiDeviceOptions>() ?? new OnshiDeviceOptions();
ListenAddress listen;
try
{
    listen = ListenAddress.Parse(options.Listen, options.AllowLan);
}
catch (InvalidOperationException refused)
{
    await Console.Error.WriteLineAsync($"onshi-device: {refused.Message}");
    return 1;
}

OnshiDevice.Server.Listeners.LanListener? lan;
try
{
    lan = OnshiDevice.Server.Listeners.LanListener.FromConfiguration(builder.Configuration, TimeProvider.System);
}
catch (OnshiDevice.ClinicCa.ClinicCaException refused)
{
    await Console.Error.WriteLineAsync($"onshi-device: {refused.Message}");
    return 1;
}

using var lanListener = lan;
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(listen.Address, listen.Port, endpoint => endpoint.Protocols = HttpProtocols.Http2);
    lan?.Listen(kestrel);
});

IPcscApi api;
using var simulatedTrust = simulation.Enabled ? TemporarySimulatedTrust.Create(DateTimeOffset.UtcNow) : null;
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

var app = builder.Build();
try
{
    // The trust the service starts with (a singleton it would load at start anyway), loaded before the host
    // starts: a setting it cannot work with is one line naming it, not the host's start-up stack trace.
    app.Services.GetRequiredService<OnshiDevice.Pki.TrustStore>();
}
catch (Exception refused) when (refused is Microsoft.Extensions.Options.OptionsValidationException or OnshiDevice.Pki.TrustStoreException)
{
    await Console.Error.WriteLineAsync($"onshi-device: {refused.Message}");
    return 1;
}

app.MapOnshiDevice();
lan?.UseLogging(app.Services.GetRequiredService<ILoggerFactory>());
if (lan is not null)
{
    app.Logger.LogInformation("onshi-device listening on https://{Lan} for clinic clients (mutual TLS)", lan.EndPoint);
}

app.Logger.LogInformation("onshi-device listening on http://{Address}:{Port} over {Pcsc}", listen.Address, listen.Port, api.Name);
await app.RunAsync();
return 0;
