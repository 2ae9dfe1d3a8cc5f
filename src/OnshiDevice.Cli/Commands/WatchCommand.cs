using System.CommandLine;
using Grpc.Core;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi watch`: one line per reader event until Ctrl+C.</summary>
internal static class WatchCommand
{
    public static Command Create(OnshiCli cli)
    {
        var command = new Command("watch", Watch.WatchDescription);
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            using var call = context.Readers.WatchReaders(new WatchReadersRequest(), cancellationToken: token);
            await foreach (var readerEvent in call.ResponseStream.ReadAllAsync(token))
            {
                await context.Io.Out.WriteLineAsync(Describe(readerEvent, context.Io.Time));
                await context.Io.Out.FlushAsync(token);
            }
        }));
        return command;
    }

    /// <summary>One event as a line: the local time with its zone, then the kind and reader as the contract names them.</summary>
    internal static string Describe(WatchReadersResponse readerEvent, CliTime time)
    {
        var when = readerEvent.Time is { } at ? time.ClockForPeople(at.ToDateTimeOffset()) : "--:--:--";
        var line = $"{when} {ContractNames.ShortName(readerEvent.Kind),-16}";
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
