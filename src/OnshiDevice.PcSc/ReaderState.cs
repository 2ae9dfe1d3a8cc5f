namespace OnshiDevice.PcSc;

/// <summary>One reader as the reader-state table knows it at a moment.</summary>
/// <param name="Name">The PC/SC reader name.</param>
/// <param name="CardPresent">A card is in the reader and answered (present, not mute, not unavailable).</param>
/// <param name="Atr">The card's answer-to-reset; empty without a card.</param>
/// <param name="InUse">Another application holds the card exclusively.</param>
public sealed record ReaderState(string Name, bool CardPresent, byte[] Atr, bool InUse);
