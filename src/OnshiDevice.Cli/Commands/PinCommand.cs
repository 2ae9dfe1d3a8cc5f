using System.CommandLine;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi pin status --kind auth|signing`: tries left, asked without spending one.</summary>
internal static class PinCommand
{
    public static Command Create(OnshiCli cli)
    {
        var kind = new Option<string>("--kind") { Description = "auth or signing.", Required = true };
        kind.AcceptOnlyFromAmong(Names.PinKinds);
        var status = new Command("status", "Show the tries left of a PIN.") { Options = { kind } };
        status.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var reader = await context.ResolveReaderAsync(token);
            var request = new GetPinStatusRequest { Reader = reader, Pin = Names.Pin(parseResult.GetRequiredValue(kind)) };
            var response = await context.WithProgressAsync(
                context.Cards.GetPinStatusAsync(request, deadline: context.Deadline(), cancellationToken: token).ResponseAsync,
                reader);
            var pin = response.Status;
            await context.Io.Out.WriteLineAsync(pin.Blocked
                ? $"{parseResult.GetRequiredValue(kind)}: blocked (0 of {pin.MaxTries} tries left)"
                : $"{parseResult.GetRequiredValue(kind)}: {pin.TriesLeft} of {pin.MaxTries} tries left");
        }));
        var command = new Command("pin", "PIN commands.");
        command.Subcommands.Add(status);
        return command;
    }
}
