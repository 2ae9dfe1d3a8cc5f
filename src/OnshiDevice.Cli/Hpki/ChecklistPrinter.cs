using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OnshiDevice.Cli.Hpki;

/// <summary>Shows the checklist: line by line as it grows for people, or one JSON document at the end for machines.</summary>
internal sealed class ChecklistPrinter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // Keep 医師資格証 and the other Japanese terms readable in the advice.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly TextWriter _out;
    private readonly bool _json;

    public ChecklistPrinter(TextWriter output, bool json)
    {
        _out = output;
        _json = json;
    }

    public async Task ItemAddedAsync(ChecklistItem item)
    {
        if (_json)
        {
            return;
        }

        await _out.WriteLineAsync($"[{(item.Passed ? "PASS" : "FAIL")}] {item.Title}: {item.Detail}");
        if (!item.Passed && item.Advice is not null)
        {
            await _out.WriteLineAsync($"       what to do: {item.Advice}");
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
                items = checklist.Items.Select(item => new { item.Id, item.Title, item.Passed, item.Detail, item.Advice }),
            };
            await _out.WriteLineAsync(JsonSerializer.Serialize(document, JsonOptions));
            return;
        }

        var failed = checklist.Items.Count(item => !item.Passed);
        await _out.WriteLineAsync(failed == 0
            ? string.Create(CultureInfo.InvariantCulture, $"All {checklist.Items.Count} checks passed: this HPKI card is ready for electronic prescriptions.")
            : string.Create(CultureInfo.InvariantCulture, $"{failed} of {checklist.Items.Count} checks failed: see \"what to do\" above."));
    }
}
