using Grpc.Net.Client;
using OnshiDevice.Cli;

namespace OnshiDevice.IntegrationTests;

/// <summary>Runs `onshi` in-process against a test host, with the console captured.</summary>
internal static class InProcessCli
{
    public static Task<CliResult> RunAsync(DeviceServiceHost host, CliOptions options, params string[] args) =>
        RunAsync(host.CreateChannel, options, args);

    /// <summary>The same against any host that gives channels (a fake service of its own).</summary>
    public static async Task<CliResult> RunAsync(Func<GrpcChannel> connect, CliOptions options, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        using var raw = new MemoryStream();
        using var stdin = options.InputReader ?? new StringReader(options.Input);
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
        var exitCode = await new OnshiCli(io, _ => connect()).RunAsync(args, options.Cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString(), raw.ToArray());
    }
}
