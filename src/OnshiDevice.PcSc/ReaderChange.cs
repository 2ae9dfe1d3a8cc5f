namespace OnshiDevice.PcSc;

/// <summary>What one step of a <see cref="ReaderTracker"/> saw: the events (possibly none) and the snapshot after them.</summary>
/// <param name="Events">The changes, in the order they are to be told.</param>
/// <param name="Snapshot">The readers after these events.</param>
/// <param name="RefreshedThrough">The highest <see cref="ReaderTracker.RequestRefresh"/> number this snapshot answers.</param>
public sealed record ReaderChange(IReadOnlyList<ReaderEvent> Events, ReaderSnapshot Snapshot, long RefreshedThrough);
