using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi watch`: one line per reader event until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(OnshiCli cli)
    {
        var command = new Command("watch", "Print reader and card events as they happen, until Ctrl+C.");
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            using var call = context.Readers.WatchReaders(new WatchReadersRequest(), cancellationToken: token);
            await foreach (var readerEvent in call.ResponseStream.ReadAllAsync(token))
            {
                await context.Io.Out.WriteLineAsync(Describe(readerEvent));
                await context.Io.Out.FlushAsync(token);
            }
        }));
        return command;
    }

    internal static string Describe(WatchReadersResponse readerEvent)
    {
        var time = readerEvent.Time?.ToDateTimeOffset().ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "--:--:--";
        var line = $"{time} {ContractNames.ShortName(readerEvent.Kind),-16}";
        if (readerEvent.Reader.Length > 0)
        {
            line += $" {readerEvent.Reader}";
        }

        if (!readerEvent.Atr.IsEmpty)
        {
            line += $" {Convert.ToHexString(readerEvent.Atr.Span)}";
        }

        if (readerEvent.Detail.Length > 0)
        {
            line += $" ({readerEvent.Detail})";
        }

        return line;
    }
}
