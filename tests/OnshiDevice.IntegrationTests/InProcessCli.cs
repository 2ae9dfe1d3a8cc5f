using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>Runs `onshi` in-process against a test host, with the console captured.</summary>
internal static class InProcessCli
{
    public static async Task<CliResult> RunAsync(DeviceServiceHost host, CliOptions options, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var raw = new MemoryStream();
        using var stdin = new StringReader(options.Input);
        var io = new CliIo
        {
            Out = output,
            Error = error,
            RawOut = raw,
            In = stdin,
            GetEnvironmentVariable = name => options.Environment.GetValueOrDefault(name),
            ErrorIsTerminal = options.ErrorIsTerminal,
            ProgressDelay = options.ProgressDelay,
            ReadSecretFromTerminal = options.Terminal,
            TimeZone = options.TimeZone,
        };
        var exitCode = await new OnshiCli(io, _ => host.CreateChannel()).RunAsync(args, options.Cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString(), raw.ToArray());
    }
}
