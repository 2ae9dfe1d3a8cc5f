namespace OnshiDevice.PcSc;

public enum ReaderEventKind
{
    ReaderAttached,
    ReaderDetached,
    CardInserted,
    CardRemoved,
    PcscUnavailable,
    PcscRestored,
}

/// <summary>Something a <see cref="ReaderMonitor"/> saw. ReaderName is null for the PC/SC service events.</summary>
public sealed record ReaderEvent(ReaderEventKind Kind, string? ReaderName, byte[] Atr, DateTimeOffset Time, string? Detail = null);
