using System.CommandLine;
using OnshiDevice.Cli.Resources;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi pin status --kind auth|signing|hpki-signing|hpki-auth`: tries left, asked without spending one.</summary>
internal static class PinCommand
{
    public static Command Create(OnshiCli cli)
    {
        var kind = new Option<string>("--kind") { Description = Pin.KindDescription, Required = true };
        kind.AcceptOnlyFromAmong(Names.PinKinds);
        var status = new Command("status", Pin.StatusDescription) { Options = { kind } };
        status.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var reader = await context.ResolveReaderAsync(token);
            var request = new GetPinStatusRequest { Reader = reader, PinKind = Names.Pin(parseResult.GetRequiredValue(kind)) };
            var response = await context.WithProgressAsync(
                context.Cards.GetPinStatusAsync(request, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            var pinStatus = response.Status;
            var name = parseResult.GetRequiredValue(kind);
            await context.Io.Out.WriteLineAsync(pinStatus switch
            {
                { Blocked: true } => Text.Format(Pin.Blocked, name, pinStatus.MaxTries),
                { TriesLeftUnknown: true } => Text.Format(Pin.Unknown, name, pinStatus.MaxTries),
                _ => Text.Format(Pin.TriesLeft, name, pinStatus.TriesLeft, pinStatus.MaxTries),
            });
        }));
        var command = new Command("pin", Pin.PinDescription);
        command.Subcommands.Add(status);
        return command;
    }
}
