namespace OnshiDevice.Cli.Hpki;

/// <summary>
/// One line of the doctor's checklist: a stable id for scripts, what was checked, the outcome, what was found
/// and, unless it passed, what to do. <see cref="Particulars"/> are the X.509 detail and the service's own words,
/// shown only with --verbose.
/// </summary>
internal sealed record ChecklistItem(string Id, CheckOutcome Outcome, string Title, string Detail, string? Advice = null)
{
    public bool Passed => Outcome != CheckOutcome.Fail;

    public IReadOnlyList<string> Particulars { get; init; } = [];

    public static ChecklistItem Pass(string id, string title, string detail) => new(id, CheckOutcome.Pass, title, detail);

    public static ChecklistItem Warn(string id, string title, string detail, string advice) => new(id, CheckOutcome.Warn, title, detail, advice);

    public static ChecklistItem Fail(string id, string title, string detail, string advice) => new(id, CheckOutcome.Fail, title, detail, advice);
}
