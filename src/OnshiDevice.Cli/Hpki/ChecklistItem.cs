namespace OnshiDevice.Cli.Hpki;

/// <summary>One line of the doctor's checklist: a stable id for scripts, what was checked, the outcome and, on failure, what to do.</summary>
internal sealed record ChecklistItem(string Id, string Title, bool Passed, string Detail, string? Advice = null)
{
    public static ChecklistItem Pass(string id, string title, string detail) => new(id, title, true, detail);

    public static ChecklistItem Fail(string id, string title, string detail, string advice) => new(id, title, false, detail, advice);
}
