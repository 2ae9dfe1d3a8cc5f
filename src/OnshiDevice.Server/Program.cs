using Microsoft.AspNetCore.Server.Kestrel.Core;
using OnshiDevice.PcSc;
using OnshiDevice.Server;
using OnshiDevice.Service;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;

// onshi-device: the device service. --simulate serves in-process virtual readers instead of PC/SC.
var simulate = args.Contains("--simulate", StringComparer.Ordinal);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(arg => arg != "--simulate").ToArray(),

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

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(listen.Address, listen.Port, endpoint => endpoint.Protocols = HttpProtocols.Http2);
});

IPcscApi api;
if (simulate)
{
    var simulated = new SimulatedPcscApi();
    simulated.AddReader("OnshiDevice Simulated Reader 0").Insert(VirtualMyNumberCards.Standard());
    simulated.AddReader("OnshiDevice Simulated Reader 1");
    api = simulated;
}
else
{
    api = PcscApi.ForCurrentPlatform();
}

builder.Services.AddOnshiDevice(api, builder.Configuration);

var app = builder.Build();
app.MapOnshiDevice();
app.Logger.LogInformation("onshi-device listening on http://{Address}:{Port} over {Pcsc}", listen.Address, listen.Port, api.Name);
await app.RunAsync();
return 0;
