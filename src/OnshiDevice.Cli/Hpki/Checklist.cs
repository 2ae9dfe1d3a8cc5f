namespace OnshiDevice.Cli.Hpki;

/// <summary>The outcome of `onshi hpki check`: every item in the order it was checked.</summary>
internal sealed class Checklist
{
    private readonly List<ChecklistItem> _items = [];
    private readonly Func<ChecklistItem, Task> _onAdded;

    public Checklist(Func<ChecklistItem, Task> onAdded)
    {
        _onAdded = onAdded;
    }

    public string? Reader { get; set; }

    public IReadOnlyList<ChecklistItem> Items => _items;

    /// <summary>No item failed (warnings pass).</summary>
    public bool Passed => _items.Count > 0 && _items.TrueForAll(item => item.Passed);

    public int Count(CheckOutcome outcome) => _items.Count(item => item.Outcome == outcome);

    /// <summary>Records an item and lets the printer show it at once, so a doctor sees progress before the PIN prompt.</summary>
    public async Task AddAsync(ChecklistItem item)
    {
        _items.Add(item);
        await _onAdded(item);
    }
}
