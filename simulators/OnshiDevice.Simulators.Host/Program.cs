using System.CommandLine;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Host;
using OnshiDevice.Simulators.Vpcd;

var cardOption = new Option<string>("--card")
{
    Description = "Which ready-made card to insert.",
    DefaultValueFactory = _ => "standard",
};
cardOption.AcceptOnlyFromAmong([.. VirtualCardCatalog.Names]);
var portOption = new Option<int>("--port")
{
    Description = "The vpcd slot's TCP port (35963 = slot 0 'Virtual PCD 00 00', 35964 = slot 1).",
    DefaultValueFactory = _ => VpcdCardConnection.DefaultPort,
};
var hostOption = new Option<string>("--host")
{
    Description = "The vpcd address; loopback only.",
    DefaultValueFactory = _ => "127.0.0.1",
};
var traceOption = new Option<bool>("--trace")
{
    Description = "Print every APDU and answer (PIN data masked).",
};
var faultOption = new Option<string>("--fault")
{
    Description = "TEST ONLY: a misbehaving standard card, to test how software copes with a bad card.",
    DefaultValueFactory = _ => "none",
};
faultOption.AcceptOnlyFromAmong([.. VirtualCardCatalog.FaultNames]);
var vpcd = new Command("vpcd", "Insert a virtual My Number or HPKI (hpki-*) card into pcscd through vpcd. Type 'remove' or 'insert' on stdin; Ctrl+C ends.")
{
    cardOption, portOption, hostOption, traceOption, faultOption,
};
vpcd.SetAction((parseResult, cancellationToken) => VpcdSession.RunAsync(
    parseResult.GetValue(cardOption)!,
    parseResult.GetValue(faultOption)!,
    parseResult.GetValue(hostOption)!,
    parseResult.GetValue(portOption),
    parseResult.GetValue(traceOption),
    Console.In,
    Console.Out,
    cancellationToken));

var outOption = new Option<DirectoryInfo>("--out")
{
    Description = "Directory for the PEM files (created if missing).",
    Required = true,
};
var exportCerts = new Command("export-certs", "Write the test JPKI and HPKI CA certificates and the ready-made cards' certificates as PEM.")
{
    outOption,
};
exportCerts.SetAction(parseResult => CertificateExport.Run(parseResult.GetValue(outOption)!, Console.Out));

var trustOutOption = new Option<DirectoryInfo>("--out")
{
    Description = "Directory to write anchors/, intermediates/ and crls/ into (created if missing).",
    Required = true,
};
var exportTrust = new Command("export-trust", "Write the trust configuration matching the virtual cards: test roots, HPKI CAs and fresh CRLs (DER), for the product's Pki options.")
{
    trustOutOption,
};
exportTrust.SetAction(parseResult => TrustExport.Run(parseResult.GetValue(trustOutOption)!, Console.Out));

var control = new ControlCommands(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
var root = new RootCommand("onshi-sim: virtual cards for OnshiDevice tests, and the hands at the readers of onshi-device --simulate.") { vpcd, exportCerts, exportTrust };
foreach (var option in control.GlobalOptions)
{
    root.Options.Add(option);
}

foreach (var command in control.Create())
{
    root.Subcommands.Add(command);
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A script wants one line saying what is wrong, not the help text.
    var message = string.Join(' ', parsed.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    await Console.Error.WriteLineAsync($"onshi-sim: {message} (onshi-sim --help)");
    return 1;
}

return await parsed.InvokeAsync();
