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

var ptyOption = new Option<string?>("--pty")
{
    Description = "Folder for the pty pair: the service opens <folder>/host, the reader serves <folder>/reader (default: a new temporary folder).",
};
var serialOption = new Option<string?>("--serial")
{
    Description = "Serve on this serial device instead of a pty pair (the reader's end of a null-modem cable).",
};
var scenarioOption = new Option<FileInfo?>("--scenario")
{
    Description = "Play this scenario file first (simulators/README.md \"Face-reader scenarios\"); then steps typed on stdin.",
};
var slotCardOption = new Option<string?>("--card")
{
    Description = "The card in the reader's slot (a vpcd reader of pcscd), placed and removed by the scenario.",
};
slotCardOption.AcceptOnlyFromAmong([.. VirtualCardCatalog.Names]);
var slotPortOption = new Option<int>("--vpcd-port")
{
    Description = "The vpcd slot of the reader's card slot (35963 = 'Virtual PCD 00 00', 35964 = '00 01').",
    DefaultValueFactory = _ => VpcdCardConnection.DefaultPort,
};
var noOcrOption = new Option<bool>("--no-ocr") { Description = "A reader whose camera does not read 照合番号B (staff type it)." };
var noPinPadOption = new Option<bool>("--no-pinpad") { Description = "A reader without a PIN keypad." };
var noLivenessOption = new Option<bool>("--no-liveness") { Description = "A reader without a liveness check." };
var exitOption = new Option<bool>("--exit") { Description = "Exit after the scenario instead of reading steps from stdin." };
var faceReader = new Command("face-reader", "Play a face-authentication reader (docs/FACE-READER-PROTOCOL.md) on a pty pair, from a scenario and stdin.")
{
    ptyOption, serialOption, scenarioOption, slotCardOption, slotPortOption, noOcrOption, noPinPadOption, noLivenessOption, exitOption,
};
faceReader.SetAction((parseResult, cancellationToken) =>
{
    var capabilities = OnshiDevice.FaceAuth.Readers.FaceReaderCapabilities.None;
    if (!parseResult.GetValue(noOcrOption))
    {
        capabilities |= OnshiDevice.FaceAuth.Readers.FaceReaderCapabilities.CardFaceOcr;
    }

    if (!parseResult.GetValue(noPinPadOption))
    {
        capabilities |= OnshiDevice.FaceAuth.Readers.FaceReaderCapabilities.PinPad;
    }

    if (!parseResult.GetValue(noLivenessOption))
    {
        capabilities |= OnshiDevice.FaceAuth.Readers.FaceReaderCapabilities.Liveness;
    }

    return FaceReaderSession.RunAsync(
        new FaceReaderSession.Settings(
            parseResult.GetValue(ptyOption),
            parseResult.GetValue(serialOption),
            parseResult.GetValue(scenarioOption),
            parseResult.GetValue(slotCardOption),
            parseResult.GetValue(slotPortOption),
            capabilities,
            parseResult.GetValue(exitOption)),
        Console.In,
        Console.Out,
        Console.Error,
        cancellationToken);
});

var control = new ControlCommands(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
var root = new RootCommand("onshi-sim: virtual cards for OnshiDevice tests, and the hands at the readers of onshi-device --simulate.") { vpcd, faceReader, exportCerts, exportTrust };
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
