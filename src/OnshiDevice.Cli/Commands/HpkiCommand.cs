using System.CommandLine;
using OnshiDevice.Cli.Hpki;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi hpki check`: the doctor's set-up check of an HPKI card (医師資格証).</summary>
internal static class HpkiCommand
{
    public static Command Create(OnshiCli cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the checklist as one JSON document." };
        var roles = new Option<string[]>("--role")
        {
            Description = $"A healthcare role the card must have (repeatable; default: {string.Join(", ", HpkiCheckOptions.PrescriberRoles)}).",
            AllowMultipleArgumentsPerToken = false,
        };
        var allowLastTry = new Option<bool>("--allow-last-try") { Description = "Spend the PIN's last try if only one is left." };
        var check = new Command(
            "check",
            "Check that the HPKI card on the reader works for electronic prescriptions: certificates, chain to the HPKI root, " +
            "revocation, role, PIN and a test signature. Asks for the PIN without echo, or reads it from standard input.")
        {
            Options = { json, roles, allowLastTry },
        };
        check.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var printer = new ChecklistPrinter(context.Io.Out, parseResult.GetValue(json));
            var checklist = new Checklist(printer.ItemAddedAsync);
            var givenRoles = parseResult.GetValue(roles) ?? [];
            var options = new HpkiCheckOptions(context.Reader, givenRoles.Length > 0 ? givenRoles : HpkiCheckOptions.PrescriberRoles, parseResult.GetValue(allowLastTry));
            await new HpkiCheck(context, options, checklist).RunAsync(token);
            await printer.FinishedAsync(checklist);
            if (!checklist.Passed)
            {
                throw new ChecksFailedException();
            }
        }));
        var command = new Command("hpki", "HPKI doctor card (医師資格証) commands.");
        command.Subcommands.Add(check);
        return command;
    }
}
