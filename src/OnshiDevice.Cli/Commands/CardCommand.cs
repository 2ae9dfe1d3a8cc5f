using System.CommandLine;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi card info`: what the card is, which applications answered, its ATR.</summary>
internal static class CardCommand
{
    public static Command Create(OnshiCli cli)
    {
        var info = new Command("info", "Identify the card on the reader.");
        info.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var reader = await context.ResolveReaderAsync(token);
            var response = await context.WithProgressAsync(
                context.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader }, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            var output = context.Io.Out;
            await output.WriteLineAsync($"reader:       {reader}");
            await output.WriteLineAsync($"type:         {Names.Of(response.CardType)}");
            await output.WriteLineAsync($"applications: {(response.Applications.Count == 0 ? "-" : string.Join(" ", response.Applications))}");
            await output.WriteLineAsync($"atr:          {Convert.ToHexString(response.Atr.Span)}");
        }));
        var command = new Command("card", "Card commands.");
        command.Subcommands.Add(info);
        return command;
    }
}
