namespace OnshiDevice.Simulators.PcSc;

/// <summary>
/// A reader of <see cref="SimulatedPcscApi"/>. Inserting and removing cards is what a test does
/// with its hands; everything else goes through the PC/SC calls.
/// </summary>
public sealed class SimulatedReader
{
    private readonly SimulatedPcscApi _service;

    internal SimulatedReader(SimulatedPcscApi service, string name, bool supportsExtendedLength)
    {
        _service = service;
        Name = name;
        SupportsExtendedLength = supportsExtendedLength;
    }

    public string Name { get; }

    public IVirtualCard? Card => _service.Read(() => InsertedCard);

    /// <summary>False: commands over 261 bytes and answers over 258 bytes fail with CommError, as on a short-APDU reader.</summary>
    public bool SupportsExtendedLength { get; }

    /// <summary>The event counter GetStatusChange reports: one step per insertion and per removal.</summary>
    public int EventCount => _service.Read(() => EventCounter);

    // Mutable state below is guarded by the service's lock.
    internal IVirtualCard? InsertedCard { get; set; }

    /// <summary>Serialises the card's exchanges, outside the service-wide lock.</summary>
    internal object ExchangeGate { get; } = new();

    internal int EventCounter { get; set; }

    /// <summary>Identifies one insertion, so a handle can tell that its card went away (even if another came back).</summary>
    internal long Insertion { get; set; }

    internal bool Powered { get; set; }

    /// <summary>Counts resets made through handles; a handle that has not seen the latest one gets SCARD_W_RESET_CARD.</summary>
    internal int ResetCount { get; set; }

    internal nint TransactionHolder { get; set; }

    internal int TransactionDepth { get; set; }

    internal bool Attached { get; set; } = true;

    /// <summary>Mute card or unavailable reader: what a status wait reports and SCardConnect answers; Working by default.</summary>
    public SimulatedReaderCondition Condition
    {
        get => _service.Read(() => CurrentCondition);
        set => _service.SetCondition(this, value);
    }

    internal SimulatedReaderCondition CurrentCondition { get; set; }

    /// <summary>Taps a card: the next status poll reports it present.</summary>
    public void Insert(IVirtualCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _service.InsertCard(this, card);
    }

    /// <summary>Takes the card away: open handles get SCARD_W_REMOVED_CARD.</summary>
    public void Remove() => _service.RemoveCard(this);

    /// <summary>
    /// Takes the card out and puts this one (or the same one again) in within one instant: a status wait sees the
    /// event counter step twice, never the empty reader between.
    /// </summary>
    public void Replace(IVirtualCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        _service.ReplaceCard(this, card);
    }
}
