using System.CommandLine;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi pin status --kind auth|signing|hpki-signing|hpki-auth`: tries left, asked without spending one.</summary>
internal static class PinCommand
{
    public static Command Create(OnshiCli cli)
    {
        var kind = new Option<string>("--kind") { Description = "auth, signing (JPKI), hpki-signing or hpki-auth.", Required = true };
        kind.AcceptOnlyFromAmong(Names.PinKinds);
        var status = new Command("status", "Show the tries left of a PIN.") { Options = { kind } };
        status.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var reader = await context.ResolveReaderAsync(token);
            var request = new GetPinStatusRequest { Reader = reader, PinKind = Names.Pin(parseResult.GetRequiredValue(kind)) };
            var response = await context.WithProgressAsync(
                context.Cards.GetPinStatusAsync(request, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            var pin = response.Status;
            var name = parseResult.GetRequiredValue(kind);
            await context.Io.Out.WriteLineAsync(pin switch
            {
                { Blocked: true } => $"{name}: blocked (0 of {pin.MaxTries} tries left)",
                { TriesLeftUnknown: true } => $"{name}: the card does not report its tries left (at most {pin.MaxTries})",
                _ => $"{name}: {pin.TriesLeft} of {pin.MaxTries} tries left",
            });
        }));
        var command = new Command("pin", "PIN commands.");
        command.Subcommands.Add(status);
        return command;
    }
}
