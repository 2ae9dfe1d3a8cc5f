using System.CommandLine;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi readers`: a table of the readers, whether each holds a card, and its ATR.</summary>
internal static class ReadersCommand
{
    public static Command Create(OnshiCli cli)
    {
        var command = new Command("readers", "List the readers and the cards they hold.");
        command.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var response = await context.Readers.ListReadersAsync(new ListReadersRequest(), deadline: context.Deadline(), cancellationToken: token);
            await WriteTableAsync(context.Io.Out, response.Readers);
        }));
        return command;
    }

    internal static async Task WriteTableAsync(TextWriter output, IReadOnlyCollection<Reader> readers)
    {
        if (readers.Count == 0)
        {
            await output.WriteLineAsync("no readers");
            return;
        }

        var nameWidth = Math.Max("NAME".Length, readers.Max(reader => reader.Name.Length));
        await output.WriteLineAsync($"{"NAME".PadRight(nameWidth)}  {"CARD",-11}  ATR");
        foreach (var reader in readers)
        {
            var card = !reader.CardPresent ? "no" : reader.InUse ? "yes, in use" : "yes";
            var atr = reader.CardPresent ? Convert.ToHexString(reader.Atr.Span) : "-";
            await output.WriteLineAsync($"{reader.Name.PadRight(nameWidth)}  {card,-11}  {atr}");
        }
    }
}
