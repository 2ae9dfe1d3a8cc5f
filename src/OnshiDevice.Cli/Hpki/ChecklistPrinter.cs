using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OnshiDevice.Cli.Resources;

namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// Shows the checklist: line by line as it grows for people (the X.509 particulars only with --verbose), or one
/// JSON document at the end for machines.
/// </summary>
internal sealed class ChecklistPrinter
{
    private const string Indent = "       ";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Keep 医師資格証 and the other Japanese terms readable in the advice.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _out;
    private readonly bool _json;
    private readonly bool _verbose;

    public ChecklistPrinter(TextWriter output, bool json, bool verbose)
    {
        _out = output;
        _json = json;
        _verbose = verbose;
    }

    /// <summary>The JSON name of an outcome: the same in every language.</summary>
    public static string StatusName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "pass",
        CheckOutcome.Warn => "warn",
        _ => "fail",
    };

    public async Task ItemAddedAsync(ChecklistItem item)
    {
        if (_json)
        {
            return;
        }

        var tag = item.Outcome switch
        {
            CheckOutcome.Pass => HpkiChecklist.TagPass,
            CheckOutcome.Warn => HpkiChecklist.TagWarn,
            _ => HpkiChecklist.TagFail,
        };
        await _out.WriteLineAsync($"[{tag}] {item.Title}: {item.Detail}");
        if (item.Outcome != CheckOutcome.Pass && item.Advice is not null)
        {
            await _out.WriteLineAsync($"{Indent}{HpkiChecklist.AdviceLabel}: {item.Advice}");
        }

        if (_verbose)
        {
            foreach (var particular in item.Particulars)
            {
                await _out.WriteLineAsync(Indent + particular);
            }
        }
    }

    public async Task FinishedAsync(Checklist checklist)
    {
        if (_json)
        {
            var document = new
            {
                reader = checklist.Reader,
                passed = checklist.Passed,
                warnings = checklist.Count(CheckOutcome.Warn),
                items = checklist.Items.Select(item => new
                {
                    item.Id,
                    Status = StatusName(item.Outcome),
                    item.Passed,
                    item.Title,
                    item.Detail,
                    item.Advice,
                    Particulars = _verbose ? item.Particulars : null,
                }),
            };
            await _out.WriteLineAsync(JsonSerializer.Serialize(document, JsonOptions));
            return;
        }

        var failed = checklist.Count(CheckOutcome.Fail);
        var warned = checklist.Count(CheckOutcome.Warn);
        await _out.WriteLineAsync(
            failed > 0 ? Text.Format(HpkiChecklist.SummaryFailed, failed, checklist.Items.Count)
            : warned > 0 ? Text.Format(HpkiChecklist.SummaryWarned, warned, checklist.Items.Count)
            : Text.Format(HpkiChecklist.SummaryPassed, checklist.Items.Count));
    }
}
