using System.CommandLine;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi card info`: what the card is, which applications answered, its ATR.</summary>
internal static class CardCommand
{
    public static Command Create(OnshiCli cli)
    {
        var info = new Command("info", Card.InfoDescription);
        info.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var reader = await context.ResolveReaderAsync(token);
            var response = await context.WithProgressAsync(
                context.Cards.IdentifyCardAsync(new IdentifyCardRequest { Reader = reader }, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            (string Label, string Value)[] lines =
            [
                (Card.LabelReader, reader),
                (Card.LabelType, Names.Of(response.CardType)),
                (Card.LabelApplications, response.Applications.Count == 0 ? "-" : string.Join(" ", response.Applications)),
                (Card.LabelAtr, Convert.ToHexString(response.Atr.Span)),
            ];
            var width = lines.Max(line => DisplayWidth.Of(line.Label)) + 2;
            foreach (var (label, value) in lines)
            {
                await context.Io.Out.WriteLineAsync(DisplayWidth.PadRight(label + ":", width) + value);
            }
        }));
        var command = new Command("card", Card.CardDescription);
        command.Subcommands.Add(info);
        return command;
    }
}
