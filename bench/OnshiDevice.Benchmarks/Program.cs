using System.Globalization;
using BenchmarkDotNet.Running;
using OnshiDevice.Benchmarks;
using OnshiDevice.Benchmarks.Crl;

// `crl [entries]`: the national-scale CRL figures (no pcscd needed).
if (args.Length > 0 && args[0] == "crl")
{
    var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
    return await CrlBenchmark.RunAsync(entries);
}

// `hub [taps] [streams]`: the reader hub under 200 and 1,000 WatchReaders streams (or only the rows of one stream
// count); needs pcscd with vpcd (scripts/start-pcscd).
if (args.Length > 0 && args[0] == "hub")
{
    var taps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
    int? streams = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null;
    return await OnshiDevice.Benchmarks.Hub.ReaderHubBenchmark.RunAsync(taps, streams);
}

// `listeners [calls]`: ReadCertificate through each listener beside the direct path, on the simulated card (no pcscd).
if (args.Length > 0 && args[0] == "listeners")
{
    return await OnshiDevice.Benchmarks.Listeners.ListenerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000);
}

// `startup [runs] [--packaged PROGRAM]`: the built onshi-device --simulate from process start to its first answered call,
// cold vs warm key cache, and a packaged (ReadyToRun) onshi-device warm beside them.
if (args.Length > 0 && args[0] == "startup")
{
    var packaged = Array.IndexOf(args, "--packaged") is var at and > 0 && at + 1 < args.Length ? args[at + 1] : null;
    var runs = args.Length > 1 && args[1] != "--packaged" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    return await OnshiDevice.Benchmarks.Startup.SimulateStartupBenchmark.RunAsync(runs, packaged);
}

// `face-link [rounds]`: the face reader protocol per check-in step, in-process and through a socat pty pair, beside a bare echo.
if (args.Length > 0 && args[0] == "face-link")
{
    return await OnshiDevice.Benchmarks.FaceReader.FaceLinkBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000);
}

// `checkin [rounds]`: a whole check-in through the CheckIn service beside the card's own calls, in-process and through
// pcscd + vpcd + a pty pair (that set-up skipped when pcscd is not running: scripts/start-pcscd).
if (args.Length > 0 && args[0] == "checkin")
{
    return await OnshiDevice.Benchmarks.FaceReader.CheckInBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30);
}

// `photo [rounds]`: the card photo's JPEG 2000 to PNG for the staff visual check, beside PNG and JPEG decodes of the same image.
if (args.Length > 0 && args[0] == "photo")
{
    return OnshiDevice.Benchmarks.FaceReader.PhotoDecodeBenchmark.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
}

// Otherwise the certificate read through pcscd; needs the project's vpcd configuration: scripts/start-pcscd.
var summary = BenchmarkRunner.Run<CertificateReadBenchmarks>(args: args);
CertificateReadReport.Print(summary);
return 0;
