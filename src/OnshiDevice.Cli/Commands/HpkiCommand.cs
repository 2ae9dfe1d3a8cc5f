using System.CommandLine;
using System.Globalization;
using OnshiDevice.Cli.Hpki;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli.Commands;

/// <summary>`onshi hpki check`: the doctor's set-up check of an HPKI card (医師資格証).</summary>
internal static class HpkiCommand
{
    public static Command Create(OnshiCli cli)
    {
        var json = new Option<bool>("--json") { Description = HpkiChecklist.JsonDescription };
        var verbose = new Option<bool>("--verbose", "-v") { Description = HpkiChecklist.VerboseDescription };
        var roles = new Option<string[]>("--role")
        {
            Description = Text.Format(HpkiChecklist.RoleDescription, string.Join(", ", HpkiCheckOptions.PrescriberRoles)),
            AllowMultipleArgumentsPerToken = false,
        };
        var allowLastTry = new Option<bool>("--allow-last-try") { Description = HpkiChecklist.AllowLastTryDescription };
        var check = new Command("check", HpkiChecklist.CheckDescription)
        {
            Options = { json, verbose, roles, allowLastTry },
        };
        check.SetAction((parseResult, cancellationToken) => cli.InvokeAsync(parseResult, cancellationToken, async (context, token) =>
        {
            var forMachines = parseResult.GetValue(json);

            // The prompt is for the person at the terminal; the document is the same in every language.
            var prompt = HpkiChecklist.PinPrompt;
            if (forMachines)
            {
                CultureInfo.CurrentUICulture = CliLanguage.English;
            }

            var printer = new ChecklistPrinter(context.Io.Out, forMachines, parseResult.GetValue(verbose));
            var checklist = new Checklist(printer.ItemAddedAsync);
            var givenRoles = parseResult.GetValue(roles) ?? [];
            var options = new HpkiCheckOptions(context.Reader, givenRoles.Length > 0 ? givenRoles : HpkiCheckOptions.PrescriberRoles, parseResult.GetValue(allowLastTry), forMachines, prompt);
            await new HpkiCheck(context, options, checklist).RunAsync(token);
            await printer.FinishedAsync(checklist);
            if (!checklist.Passed)
            {
                throw new ChecksFailedException();
            }
        }));
        var command = new Command("hpki", HpkiChecklist.HpkiDescription);
        command.Subcommands.Add(check);
        return command;
    }
}
